import { mf2 } from 'microformats-parser';
import type { Enclosure } from '../../../../shared/api';
import { AppError } from '../../app-error';
import { htmlHead } from '../html-head-links';
import { foldSpace } from '../html/html-to-text';
import { pageCut } from '../html/page-budget';
import { escapeText, rewriteHtml } from '../html/rewrite-html';
import { normaliseItems, type ItemDraft } from '../normalise-item';
import { parseFeedDate } from '../parse-date';
import type { FeedLink, ParsedFeed } from '../parsed-feed';
import { resolveHttpUrl } from '../resolve-url';
import { hostOf } from './xml-feed';

type Root = ReturnType<typeof mf2>['items'][number];
type Property = Root['properties'][string][number];

/** A cheap test before the microformats parser runs: a page without the class name has no h-entry. */
export const mayHaveEntries = (html: string): boolean => html.includes('h-entry');

/**
 * An HTML page marked up with microformats2 (h-feed / h-entry) as a feed,
 * with microformats-parser (it runs the microformats test suite). The first
 * h-feed's entries, else the page's top-level h-entries. Hub and self links
 * come from the page's <head> only (WebSub §8.1).
 */
export function readHFeed(html: string, pageUrl: string): ParsedFeed {
  const head = htmlHead(html, pageUrl);
  const problems: string[] = [];
  const parsed = mayHaveEntries(html) ? parseMicroformats(html, head.base, pageUrl, problems) : { items: [] };
  // The first h-feed that holds entries (a sidebar's empty h-feed is not the page's feed), else the top-level h-entries.
  const hfeed = findFirst(parsed.items, 'h-feed', (root) => entriesOf(root.children ?? []).length > 0);
  const entries = entriesOf(hfeed ? (hfeed.children ?? []) : parsed.items);
  if (entries.length === 0) {
    throw new AppError('NOT_A_FEED', `${hostOf(pageUrl)} sent a web page with no feed in it (no h-entry items).`);
  }
  const page = withoutFragment(pageUrl);
  const shared = sharedIdentities(entries, head.base);
  const feedAuthor = hfeed ? personOf(hfeed.properties.author?.[0]) : null;
  const links: FeedLink[] = head.links
    .filter((link) => link.rel.includes('hub') || link.rel.includes('self'))
    .map((link) => ({ rel: link.rel.filter((rel) => rel === 'hub' || rel === 'self').join(' '), href: link.href }));
  const siteUrl = (hfeed && urlOf(hfeed.properties.url?.[0], head.base)) || page;
  return {
    format: 'h-feed',
    title: (hfeed && textOf(hfeed.properties.name?.[0])) || head.title || hostOf(pageUrl),
    siteUrl,
    links: [{ rel: 'alternate', href: siteUrl }, ...links],
    iconUrl: hfeed
      ? (urlOf(hfeed.properties.logo?.[0], head.base) ?? urlOf(hfeed.properties.photo?.[0], head.base))
      : null,
    items: normaliseItems(entries.map((entry) => draftOf(entry, head.base, page, feedAuthor, shared))),
    ttlMinutes: null,
    problems,
  };
}

/** The page's microformats, read within the parsers' bounds (html/page-budget.ts). */
function parseMicroformats(html: string, base: string, pageUrl: string, problems: string[]): ReturnType<typeof mf2> {
  const cut = pageCut(html);
  if (cut) problems.push(cut.problem);
  try {
    return mf2(cut ? html.slice(0, cut.at) : html, { baseUrl: base });
  } catch (error) {
    // A second wall: the parser walks the page recursively, and a stack it exhausts is said in words.
    if (error instanceof RangeError) {
      throw new AppError(
        'MALFORMED_FEED',
        `The page at ${hostOf(pageUrl)} could not be read: it nests elements too deeply.`,
      );
    }
    throw error;
  }
}

function draftOf(
  entry: Root,
  base: string,
  page: string,
  feedAuthor: string | null,
  shared: ReadonlySet<string>,
): ItemDraft {
  const props = entry.properties;
  const content = props.content?.[0];
  const contentHtml =
    content && typeof content === 'object' && 'html' in content
      ? rewriteHtml(content.html.trim(), base)
      : escapeText(textOf(content)).replace(/\r?\n/g, '<br />');
  const contentText = foldSpace(textOf(content));
  const uid = urlOrText(props.uid?.[0], base);
  const url = urlOf(props.url?.[0], base);
  // The key is the uid, else the url, but only one that names this post and no other:
  // a fragment of this very page (websub.rocks' "#quote-0") names a position (the newest
  // post takes #quote-0 and the others shift), and a value several entries share (all
  // linking to the page itself) names none. Keyed by such a value, a new post would
  // overwrite an old one; such entries are keyed by their content instead.
  const positional = (value: string) => value !== page && withoutFragment(value) === page;
  const names = (value: string | null): value is string => value !== null && !positional(value) && !shared.has(value);
  const name = foldSpace(textOf(props.name?.[0]));
  return {
    id: names(uid) ? uid : null,
    link: url && !positional(url) ? url : page,
    // XRay's rule: a name that only repeats the start of the content is no title (notes have none).
    title: name && contentText.startsWith(name.replace(/…$/, '')) ? '' : name,
    author: personOf(props.author?.[0]) ?? feedAuthor,
    publishedAt: parseFeedDate(textOf(props.published?.[0])) ?? parseFeedDate(textOf(props.updated?.[0])),
    contentHtml,
    summaryText: foldSpace(textOf(props.summary?.[0])),
    enclosures: enclosuresOf(entry, base),
    imageUrl: urlOf(props.photo?.[0], base) ?? urlOf(props.featured?.[0], base),
    keyByContent: !names(uid) && !names(url),
  };
}

/** Uids and urls that more than one entry of the page carries: identities of none of them. */
function sharedIdentities(entries: readonly Root[], base: string): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const entry of entries) {
    const values = new Set([urlOrText(entry.properties.uid?.[0], base), urlOf(entry.properties.url?.[0], base)]);
    for (const value of values) {
      if (value === null) continue;
      if (seen.has(value)) shared.add(value);
      seen.add(value);
    }
  }
  return shared;
}

function enclosuresOf(entry: Root, base: string): Enclosure[] {
  const enclosures: Enclosure[] = [];
  for (const [property, kind] of [
    ['audio', 'audio'],
    ['video', 'video'],
  ] as const) {
    for (const value of entry.properties[property] ?? []) {
      const url = urlOf(value, base);
      if (url) enclosures.push({ url, type: guessType(url, kind), length: null, title: null, durationSeconds: null });
    }
  }
  return enclosures;
}

function guessType(url: string, kind: 'audio' | 'video'): string {
  const extension = /\.([a-z0-9]{2,4})(?:$|[?#])/i.exec(url)?.[1]?.toLowerCase();
  if (extension === 'mp3') return 'audio/mpeg';
  if (extension === 'm4a') return 'audio/mp4';
  return extension ? `${kind}/${extension}` : `${kind}/*`;
}

const entriesOf = (roots: readonly Root[]): Root[] => roots.filter((root) => root.type?.includes('h-entry'));

function findFirst(roots: readonly Root[], type: string, fits: (root: Root) => boolean): Root | null {
  const queue = [...roots];
  for (let i = 0; i < queue.length && i < 10_000; i++) {
    const root = queue[i]!;
    if (root.type?.includes(type) && fits(root)) return root;
    queue.push(...(root.children ?? []));
  }
  return null;
}

function textOf(value: Property | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if ('html' in value) return value.value;
  if ('properties' in value) return typeof value.value === 'string' ? value.value : textOf(value.properties.name?.[0]);
  return value.value ?? '';
}

function personOf(value: Property | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === 'object' && 'properties' in value) {
    return foldSpace(textOf(value.properties.name?.[0])) || foldSpace(textOf(value)) || null;
  }
  return foldSpace(textOf(value)) || null;
}

function urlOf(value: Property | undefined, base: string): string | null {
  if (value === undefined) return null;
  const text = typeof value === 'object' && 'properties' in value ? textOf(value.properties.url?.[0]) : textOf(value);
  return resolveHttpUrl(text, base);
}

/** A uid is any string; only a fragment ("#post-3") is resolved, to compare it with the page. */
function urlOrText(value: Property | undefined, base: string): string | null {
  const text = foldSpace(textOf(value));
  if (!text) return null;
  return text.startsWith('#') ? (resolveHttpUrl(text, base) ?? text) : text;
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}
