import { AppError } from '../app-error';
import { parseLinkHeader } from '../websub/link-header';
import { decodeBody } from './decode-body';
import { assertOk, type FetchOptions, type FetchedResource } from './fetch-url';
import { findFeedLinks, guessFeedUrls } from './find-feed-links';
import { mayHaveEntries } from './formats/h-feed';
import { htmlHead } from './html-head-links';
import { parseDocument, type ParsedFeed } from './parse-document';
import { sniffDocument, type DocumentKind } from './sniff-document';
import { isYouTubePage, youTubeFeedFromPage, youTubeFeedFromUrl } from './youtube-feed';
import type { FeedChoice } from '../../../shared/api';

export type Fetcher = (url: string, options?: FetchOptions) => Promise<FetchedResource>;

export interface LoadedFeed {
  kind: 'feed';
  /** Where the feed should be stored: its new home after permanent redirects, else the URL asked for. */
  url: string;
  resource: FetchedResource;
  feed: ParsedFeed;
}

export type Located = LoadedFeed | { kind: 'choices'; choices: FeedChoice[] };

interface FetchedDocument {
  resource: FetchedResource;
  text: string;
  kind: DocumentKind;
  host: string;
}

async function fetchDocument(fetcher: Fetcher, url: string, options?: FetchOptions): Promise<FetchedDocument> {
  return toDocument(await fetcher(url, options));
}

function toDocument(resource: FetchedResource): FetchedDocument {
  assertOk(resource);
  const text = decodeBody(resource.body, resource.headers.get('content-type'));
  return { resource, text, kind: sniffDocument(text), host: new URL(resource.url).host };
}

async function parsed(doc: FetchedDocument, url: string): Promise<LoadedFeed> {
  const { resource } = doc;
  const feed = await parseDocument({ text: doc.text, url: resource.url, headers: resource.headers });
  return { kind: 'feed', url: resource.movedTo ?? url, resource, feed };
}

/** Fetches a URL that should be a feed (any format, an h-feed page included), and parses it. */
export async function loadFeed(fetcher: Fetcher, url: string, options?: FetchOptions): Promise<LoadedFeed> {
  return parsed(await fetchDocument(fetcher, url, options), url);
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** Fetches a known feed again, conditionally: an unchanged feed costs a 304 and no parsing. */
export async function refetchFeed(
  fetcher: Fetcher,
  url: string,
  validators: Validators,
  options?: FetchOptions,
): Promise<LoadedFeed | { kind: 'not-modified'; resource: FetchedResource }> {
  const headers: Record<string, string> = { ...options?.headers };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const resource = await fetcher(url, { ...options, headers });
  if (resource.status === 304) return { kind: 'not-modified', resource };
  return parsed(toDocument(resource), url);
}

export interface LocateOptions {
  /** The URL is a page to be read for its own h-entries, not for the feeds it advertises (the user chose it). */
  asPage?: boolean;
}

/**
 * What the user typed may be a feed or a web page. A feed is loaded. A page:
 * - with a WebSub hub (Link header, or <link rel="hub"> in its head) and its
 *   own h-entries is itself the feed and the topic, alternates or not;
 * - a YouTube channel, user, handle or playlist page leads to its feed;
 * - the feeds it advertises (one: loaded; several: offered), with the page
 *   itself among the choices when it has h-entries of its own;
 * - with h-entries and no alternates is the feed;
 * - otherwise the usual places are tried.
 */
export async function locateFeed(
  fetcher: Fetcher,
  url: string,
  options?: FetchOptions,
  locate: LocateOptions = {},
): Promise<Located> {
  const fromUrl = youTubeFeedFromUrl(url);
  if (fromUrl && !locate.asPage) return loadFeed(fetcher, fromUrl, options);

  const doc = await fetchDocument(fetcher, url, options);
  if (doc.kind !== 'html') return parsed(doc, url);

  const pageUrl = doc.resource.url;
  const asFeed = mayHaveEntries(doc.text) ? await pageAsFeed(doc, url) : null;
  if (asFeed && (locate.asPage || pageHasHub(doc))) return asFeed;

  if (isYouTubePage(url) || isYouTubePage(pageUrl)) {
    const feedUrl = youTubeFeedFromPage(doc.text);
    if (feedUrl) return loadFeed(fetcher, feedUrl, options);
  }

  const advertised = findFeedLinks(doc.text, pageUrl);
  if (asFeed) {
    if (advertised.length === 0) return asFeed;
    const title = `${asFeed.feed.title} (this page)`;
    return { kind: 'choices', choices: [{ url: pageUrl, title, type: 'text/html' }, ...advertised] };
  }
  if (advertised.length > 1) return { kind: 'choices', choices: advertised };
  if (advertised.length === 1) return loadFeed(fetcher, advertised[0]!.url, options);

  for (const guess of guessFeedUrls(pageUrl)) {
    try {
      return await loadFeed(fetcher, guess, options);
    } catch {
      // A guess that is missing or not a feed is expected; try the next one.
    }
  }
  throw new AppError(
    'NO_FEED_FOUND',
    `The page at ${doc.host} does not link to a feed, and none was found at the usual places.`,
  );
}

/** The page read as an h-feed, or null when it has no h-entries after all. */
async function pageAsFeed(doc: FetchedDocument, url: string): Promise<LoadedFeed | null> {
  try {
    return await parsed(doc, url);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_A_FEED') return null;
    throw error;
  }
}

function pageHasHub(doc: FetchedDocument): boolean {
  const pageUrl = doc.resource.url;
  if (parseLinkHeader(doc.resource.headers.get('link'), pageUrl).some((link) => link.rels.includes('hub'))) return true;
  return htmlHead(doc.text, pageUrl).links.some((link) => link.rel.includes('hub'));
}
