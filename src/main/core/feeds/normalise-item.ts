import { createHash } from 'node:crypto';
import { cleanText, htmlToText } from './clean-text';
import { resolveHttpUrl } from './resolve-url';

/** What rss-parser gives for an RSS or Atom entry (only the fields we read). */
export interface RawItem {
  title?: unknown;
  link?: unknown;
  guid?: unknown;
  id?: unknown;
  creator?: unknown;
  author?: unknown;
  content?: unknown;
  'content:encoded'?: unknown;
  summary?: unknown;
  contentSnippet?: unknown;
  mediaDescription?: unknown;
  isoDate?: unknown;
  pubDate?: unknown;
}

export interface NormalisedItem {
  /** Stable identity within its feed: guid/id, else link, else a hash of the text. */
  key: string;
  title: string;
  link: string | null;
  author: string | null;
  publishedAt: number | null;
  summary: string;
  contentHtml: string;
  /** Changes when the item's text changes, so an edit updates the stored copy. */
  contentHash: string;
}

const summaryLength = 300;

export function normaliseItem(raw: RawItem, baseUrl: string): NormalisedItem {
  const link = resolveHttpUrl(text(raw.link), baseUrl);
  const contentHtml =
    text(raw['content:encoded']) || text(raw.content) || text(raw.summary) || text(raw.mediaDescription);
  const summarySource = text(raw.summary) || text(raw.contentSnippet) || contentHtml;
  const summary = truncate(htmlToText(summarySource), summaryLength);
  const title = cleanText(text(raw.title)) || truncate(summary, 80) || '(untitled)';
  const author = cleanText(text(raw.creator) || text(raw.author)) || null;
  const publishedAt = parseDate(text(raw.isoDate) || text(raw.pubDate));
  const guid = text(raw.guid) || text(raw.id);
  const contentHash = sha1([title, link ?? '', author ?? '', contentHtml].join('\u0000'));
  const key = guid ? `id:${guid.trim()}` : link ? `link:${link}` : `hash:${sha1(title + '\u0000' + contentHtml)}`;
  return { key, title, link, author, publishedAt, summary, contentHtml, contentHash };
}

/** rss-parser hands back strings, objects with `_`, or arrays depending on the XML: take the text. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object') {
    const inner = (value as { _?: unknown; $?: { href?: unknown } })._ ?? (value as { $?: { href?: unknown } }).$?.href;
    return typeof inner === 'string' ? inner : '';
  }
  return '';
}

function parseDate(value: string): number | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isFinite(time) ? time : null;
}

function truncate(value: string, length: number): string {
  return value.length <= length ? value : `${value.slice(0, length - 1).trimEnd()}…`;
}

function sha1(value: string): string {
  return createHash('sha1').update(value).digest('hex');
}
