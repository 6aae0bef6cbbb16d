import { parseDocument, type ParsedFeed } from '../feeds/parse-document';

/**
 * A delivery's body as a feed, read by what it is, never by its Content-Type
 * (hubs label Atom as text/html, websub.rocks labels everything text/html, and
 * an h-feed page may come as anything): RSS/Atom/RDF, JSON Feed or an h-feed
 * page, sniffed by parseDocument. Throws (NOT_A_FEED, MALFORMED_FEED) only for
 * a body with nothing readable in it, a thin ping: the topic is fetched instead.
 * Bytes and strings in, plain data out, so it can run in a worker thread.
 */
export function parsePing(body: Buffer, contentType: string | null, feedUrl: string): Promise<ParsedFeed> {
  return parseDocument({ text: body, url: feedUrl, contentType });
}
