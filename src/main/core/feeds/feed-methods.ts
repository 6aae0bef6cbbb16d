import { AppError } from '../app-error';
import type { CoreContext, MethodsPart } from '../context';
import type { FeedMeta } from '../library';
import { decodeCursor, encodeCursor, toItem, toItemSummary } from '../to-dto';
import { parseHttpUrl, type FetchedResource } from './fetch-url';
import { locateFeed, refetchFeed, type Fetcher, type LoadedFeed } from './load-feed';

/** What one fetch of a known feed came to: enough for the poller to plan the next one. */
export interface FetchOutcome {
  added: number;
  /** The last HTTP response, also for failures (429, 503, 410); null when none came (network error). */
  response: FetchedResource | null;
  /** The parsed document when one came (not for a 304). */
  loaded: LoadedFeed | null;
  /** Already recorded on the feed (lastError) when not null. */
  error: AppError | null;
}

const defaultPageSize = 100;

export type FeedMethodNames =
  'addFeed' | 'removeFeed' | 'listFeeds' | 'listItems' | 'getItem' | 'setRead' | 'refreshFeed';

export interface FeedHooks {
  /** After a feed is stored (or removed), so push and polling can start (or stop) for it. */
  feedAdded(feedId: number, loaded: LoadedFeed): void;
  /**
   * After every successful fetch that returned a document (not a 304): hub discovery reads it,
   * and `added` (items this fetch found new) tells push whether its hub missed some.
   */
  feedFetched(feedId: number, loaded: LoadedFeed, added: number): void;
  feedRemoved(feedId: number): Promise<void> | void;
}

export interface FeedMethods extends MethodsPart<FeedMethodNames> {
  /** Fetches a feed now (deduplicated per feed); returns how many items were new. */
  refresh(feedId: number): Promise<number>;
  /** The same fetch, for the poller: never throws for a failed fetch (the error is recorded and returned). */
  fetchDetailed(feedId: number): Promise<FetchOutcome>;
  /** Waits for fetches under way. */
  settle(): Promise<void>;
}

/** Adding, reading and refreshing feeds: the library half of the contract. */
export function createFeedMethods(ctx: CoreContext, hooks: FeedHooks, statusChanged: () => void): FeedMethods {
  const { library, fetcher, log } = ctx;
  const refreshing = new Map<number, Promise<FetchOutcome>>();

  const metaOf = (loaded: LoadedFeed): FeedMeta => ({
    title: loaded.feed.title,
    siteUrl: loaded.feed.siteUrl,
    etag: loaded.resource.headers.get('etag'),
    lastModified: loaded.resource.headers.get('last-modified'),
  });

  const refuseDuplicate = (url: string) => {
    const existing = library.feeds.getByUrl(url);
    if (existing) throw new AppError('ALREADY_EXISTS', `You already follow this feed ("${existing.title}").`);
  };

  /** A permanent redirect (301/308) moves the stored feed, unless another feed already lives there. */
  function followMove(feedId: number, from: string, to: string | null): void {
    if (!to || to === from) return;
    if (library.feeds.getByUrl(to)) {
      log(`feed ${feedId} moved to ${to}, which another feed already uses; keeping ${from}`);
      return;
    }
    library.feeds.setUrl(feedId, to);
  }

  async function fetchDetailed(feedId: number): Promise<FetchOutcome> {
    const row = library.feeds.get(feedId);
    if (!row) throw new AppError('NOT_FOUND', 'That feed is no longer in your library.');
    // The poller needs the last response's status and headers (304, Retry-After,
    // Cache-Control) even when the fetch ended in an error, so it is kept here.
    let response: FetchedResource | null = null;
    const recording: Fetcher = async (url, options) => (response = await fetcher(url, options));
    try {
      const validators = { etag: row.etag, lastModified: row.last_modified };
      const result = await refetchFeed(recording, row.url, validators, ctx.fetchOptions);
      if (result.kind === 'not-modified') {
        followMove(feedId, row.url, result.resource.movedTo);
        const unchanged = { title: row.title, siteUrl: row.site_url, ...validators };
        // A 304 that clears no error and moves nothing changes nothing on screen: stamp it
        // quietly, so a poll cycle over a thousand quiet feeds is not a thousand feedChanged events.
        const visible = row.last_error_code !== null || (result.resource.movedTo ?? row.url) !== row.url;
        if (visible) await library.merge(feedId, [], unchanged);
        else library.feeds.recordFetch(feedId, { ...unchanged, fetchedAt: ctx.clock.now() });
        return { added: 0, response: result.resource, loaded: null, error: null };
      }
      followMove(feedId, row.url, result.url);
      if (result.feed.problems.length) log(`feed ${feedId} was read in part: ${result.feed.problems.join('; ')}`);
      const added = await library.merge(feedId, result.feed.items, metaOf(result));
      hooks.feedFetched(feedId, result, added);
      return { added, response: result.resource, loaded: result, error: null };
    } catch (error) {
      if (!(error instanceof AppError)) log(`refresh of feed ${feedId} failed`, error);
      const failure = error instanceof AppError ? error : new AppError('INTERNAL', 'The feed could not be read.');
      if (library.feeds.get(feedId)) library.recordError(feedId, failure.code, failure.message);
      return { added: 0, response, loaded: null, error: failure };
    }
  }

  function fetchShared(feedId: number): Promise<FetchOutcome> {
    // Two refreshes of one feed at once share the first one's work.
    let pending = refreshing.get(feedId);
    if (!pending) {
      pending = fetchDetailed(feedId).finally(() => refreshing.delete(feedId));
      refreshing.set(feedId, pending);
    }
    return pending;
  }

  async function refresh(feedId: number): Promise<number> {
    const outcome = await fetchShared(feedId);
    if (outcome.error) throw outcome.error;
    return outcome.added;
  }

  return {
    refresh,
    fetchDetailed: fetchShared,
    async settle() {
      await Promise.allSettled(refreshing.values());
    },

    async addFeed({ url, asPage }) {
      const requested = parseHttpUrl(url).href;
      refuseDuplicate(requested);
      const located = await locateFeed(fetcher, requested, ctx.fetchOptions, { asPage });
      if (located.kind === 'choices') return { choices: located.choices };
      refuseDuplicate(located.url);
      const result = await library.addFeed(located.url, metaOf(located), located.feed.items);
      if (located.feed.problems.length) {
        log(`feed ${result.feed.id} was read in part: ${located.feed.problems.join('; ')}`);
      }
      hooks.feedAdded(result.feed.id, located);
      statusChanged();
      return { feed: library.feed(result.feed.id) ?? result.feed, added: result.added };
    },

    async removeFeed({ feedId }) {
      if (!library.feeds.get(feedId)) throw new AppError('NOT_FOUND', 'That feed is no longer in your library.');
      await hooks.feedRemoved(feedId);
      const removed = library.removeFeed(feedId);
      statusChanged();
      return { removed };
    },

    async listFeeds() {
      return library.listFeeds();
    },

    async listItems({ feedId, folderId, unreadOnly, starredOnly, limit = defaultPageSize, before }) {
      const cursor = before !== undefined ? decodeCursor(before) : undefined;
      if (cursor === null) throw new AppError('INVALID_INPUT', 'That page cursor is not one Tidings gave out.');
      const rows = library.items.list({ feedId, folderId, unreadOnly, starredOnly, limit, before: cursor });
      const last = rows.at(-1);
      return {
        items: rows.map(toItemSummary),
        nextBefore: rows.length === limit && last ? encodeCursor(last) : null,
      };
    },

    async getItem({ itemId }) {
      const row = library.items.get(itemId);
      if (!row) throw new AppError('NOT_FOUND', 'That item is no longer stored.');
      return toItem(row);
    },

    async setRead({ itemIds, read }) {
      return { changed: library.setRead(itemIds, read) };
    },

    async refreshFeed({ feedId }) {
      return { added: await refresh(feedId) };
    },
  };
}
