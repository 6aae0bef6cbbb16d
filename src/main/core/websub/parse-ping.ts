import { decodeBody } from '../feeds/decode-body';
import { parseFeed, type ParsedFeed } from '../feeds/parse-feed';
import { sniffDocument } from '../feeds/sniff-document';

/** Thrown for a delivery with nothing readable in it (a thin ping): the topic is fetched instead. */
export class UnreadablePing extends Error {}

/**
 * A delivery's body as a feed, read by what it is, never by its Content-Type
 * (hubs label Atom as text/html, websub.rocks labels everything text/html).
 * Pure and self-contained (bytes and strings in, plain data out), so it can
 * run in a worker thread.
 */
export async function parsePing(body: Buffer, contentType: string | null, feedUrl: string): Promise<ParsedFeed> {
  const text = decodeBody(body, contentType);
  if (sniffDocument(text) !== 'feed') throw new UnreadablePing('not a feed');
  return parseFeed(text, feedUrl);
}
