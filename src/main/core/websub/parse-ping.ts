import { parseDocuments, type ParsedFeed } from '../feeds/parse-document';

export interface PingBody {
  body: Buffer;
  contentType: string | null;
  feedUrl: string;
}

/**
 * Deliveries' bodies as feeds, read by what they are, never by their
 * Content-Type (hubs label Atom as text/html, websub.rocks labels everything
 * text/html, and an h-feed page may come as anything): RSS/Atom/RDF, JSON Feed
 * or an h-feed page, sniffed by parseDocuments. The pings of one batch go
 * together: parsed on this thread when they are small in total (a one-entry
 * ping costs ~30 µs, less than a round trip to the worker), else in one message
 * to the parse worker. A body with nothing readable in it (a thin ping: the
 * topic is fetched instead) comes back as null; the batch never fails as a whole.
 */
export async function parsePings(pings: readonly PingBody[]): Promise<Array<ParsedFeed | null>> {
  const results = await parseDocuments(
    pings.map((ping) => ({ text: ping.body, url: ping.feedUrl, contentType: ping.contentType })),
  );
  return results.map((result) => (result instanceof Error ? null : result));
}
