import Parser from 'rss-parser';
import { AppError } from '../app-error';
import { normaliseItem, type NormalisedItem, type RawItem } from './normalise-item';
import { resolveHttpUrl } from './resolve-url';
import { cleanText } from './clean-text';
import { inlineAtomXhtml } from './atom-xhtml';
import { createOffThreadParser, type OffThreadParser } from './parse-off-thread';

export interface FeedLink {
  rel: string;
  href: string;
}

export interface ParsedFeed {
  title: string;
  siteUrl: string | null;
  /** Every <link>/<atom:link> of the feed with its rel, for hub and self discovery. */
  links: FeedLink[];
  items: NormalisedItem[];
  /** RSS <ttl>, minutes, when given. */
  ttlMinutes: number | null;
}

interface XmlLink {
  $?: { rel?: string; href?: string };
}
interface RawFeed {
  title?: string;
  link?: string;
  ttl?: string;
  links?: Array<XmlLink | string>;
  atomLinks?: XmlLink[];
  items: RawItem[];
}

// rss-parser hides hub/self links (and reports the first atom:link of an RSS
// feed as feedUrl whatever its rel), so every link is kept with its rel here.
const parserOptions = {
  customFields: {
    feed: [
      ['link', 'links', { keepArray: true }],
      ['atom:link', 'atomLinks', { keepArray: true }],
      ['atom10:link', 'atomLinks', { keepArray: true }],
    ] as unknown as Array<keyof RawFeed>,
    item: [['media:description', 'mediaDescription']] as unknown as Array<keyof RawItem>,
  },
};
const parser = new Parser<RawFeed, RawItem>(parserOptions);

/** Documents larger than this are parsed in a worker thread (about 25 ms of parsing on this thread). */
export const offThreadBytes = 1024 * 1024;

// One worker for the whole process, started on first need and idle (unref'd)
// otherwise: it holds no state, so every core in the process can share it.
let offThread: OffThreadParser | null = null;
export const offThreadParser = (): OffThreadParser => (offThread ??= createOffThreadParser(parserOptions));

async function parseRaw(xml: string): Promise<RawFeed> {
  if (xml.length <= offThreadBytes) return parser.parseString(xml);
  return (await offThreadParser().parse(xml)) as RawFeed;
}

/** Parses RSS 0.9x/1.0/2.0 or Atom text. Malformed XML becomes MALFORMED_FEED, never a crash. */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  let raw: RawFeed;
  try {
    raw = await parseRaw(inlineAtomXhtml(text));
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : '';
    throw new AppError('MALFORMED_FEED', `The feed at ${new URL(feedUrl).host} is not valid XML (${detail}).`, {
      cause: error,
    });
  }
  const links = collectLinks(raw, feedUrl);
  const siteUrl =
    links.find((l) => l.rel === 'alternate')?.href ??
    resolveHttpUrl(typeof raw.link === 'string' ? raw.link : '', feedUrl);
  const ttl = Number(raw.ttl);
  return {
    title: cleanText(raw.title ?? '') || new URL(feedUrl).host,
    siteUrl,
    links,
    items: (raw.items ?? []).map((item) => normaliseItem(item, siteUrl ?? feedUrl)),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
  };
}

function collectLinks(raw: RawFeed, feedUrl: string): FeedLink[] {
  const links: FeedLink[] = [];
  for (const link of [...(raw.links ?? []), ...(raw.atomLinks ?? [])]) {
    if (typeof link === 'string') {
      // An RSS <link> element: the website.
      const href = resolveHttpUrl(link, feedUrl);
      if (href) links.push({ rel: 'alternate', href });
      continue;
    }
    const href = resolveHttpUrl(link.$?.href ?? '', feedUrl);
    if (href) links.push({ rel: (link.$?.rel ?? 'alternate').toLowerCase().trim(), href });
  }
  return links;
}
