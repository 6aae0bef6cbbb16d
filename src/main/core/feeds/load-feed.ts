import { AppError } from '../app-error';
import { decodeBody } from './decode-body';
import { assertOk, fetchUrl, type FetchOptions, type FetchedResource } from './fetch-url';
import { findFeedLinks, guessFeedUrls } from './find-feed-links';
import { parseFeed, type ParsedFeed } from './parse-feed';
import { sniffDocument, type DocumentKind } from './sniff-document';
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
  const feed = await parseFeed(doc.text, doc.resource.url);
  return { kind: 'feed', url: doc.resource.movedTo ?? url, resource: doc.resource, feed };
}

/** Fetches a URL that should be a feed, and parses it. */
export async function loadFeed(fetcher: Fetcher, url: string, options?: FetchOptions): Promise<LoadedFeed> {
  return feedFrom(await fetchDocument(fetcher, url, options), url);
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
  return feedFrom(toDocument(resource), url);
}

async function feedFrom(doc: FetchedDocument, url: string): Promise<LoadedFeed> {
  if (doc.kind !== 'feed') {
    throw new AppError(
      'NOT_A_FEED',
      doc.kind === 'html'
        ? `${doc.host} sent a web page where a feed should be.`
        : `What ${doc.host} sent is not an RSS or Atom feed.`,
    );
  }
  return parsed(doc, url);
}

/**
 * What the user typed may be a feed or a web page. A feed is loaded; a page is
 * searched for the feeds it advertises (one: loaded; several: offered as
 * choices), and when it advertises none the usual places are tried.
 */
export async function locateFeed(fetcher: Fetcher, url: string, options?: FetchOptions): Promise<Located> {
  const doc = await fetchDocument(fetcher, url, options);
  if (doc.kind === 'feed') return parsed(doc, url);
  if (doc.kind !== 'html') throw new AppError('NOT_A_FEED', `What ${doc.host} sent is neither a feed nor a web page.`);

  const advertised = findFeedLinks(doc.text, doc.resource.url);
  if (advertised.length > 1) return { kind: 'choices', choices: advertised };
  if (advertised.length === 1) return loadFeed(fetcher, advertised[0]!.url, options);

  for (const guess of guessFeedUrls(doc.resource.url)) {
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
