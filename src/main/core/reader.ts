import type { Db } from './db/open-db';
import type { MethodArgs, MethodName, MethodResults, Status, DeliveryMode } from '../../shared/api';
import { AppError } from './app-error';
import type { Clock } from './clock';
import { createEventHub, type EventHub } from './events';
import { fetchUrl, parseHttpUrl, type FetchOptions } from './feeds/fetch-url';
import { locateFeed, refetchFeed, type Fetcher, type LoadedFeed } from './feeds/load-feed';
import { createLibrary, type FeedMeta } from './library';
import { decodeCursor, encodeCursor, toItem, toItemSummary } from './to-dto';

export type Log = (message: string, error?: unknown) => void;

export interface ReaderDeps {
  db: Db;
  clock: Clock;
  log: Log;
  version: string;
  fetcher?: Fetcher;
  /** Limits for every feed fetch (size, time, redirects). */
  fetchOptions?: FetchOptions;
}

export type CoreMethods = { [M in MethodName]: (arg: MethodArgs[M]) => Promise<MethodResults[M]> };

export interface Reader extends CoreMethods {
  events: EventHub;
  close(): Promise<void>;
}

const defaultPageSize = 100;

/**
 * The core: implements every method of the contract over the library, and
 * announces every change as an event. Both shells (Electron and the headless
 * host) build exactly one of these and forward to it.
 */
export function createReader(deps: ReaderDeps): Reader {
  const { db, clock, log } = deps;
  const fetcher = deps.fetcher ?? fetchUrl;
  const events = createEventHub(log);
  const library = createLibrary(db, events, clock);
  const refreshing = new Map<number, Promise<number>>();

  const metaOf = (loaded: LoadedFeed): FeedMeta => ({
    title: loaded.feed.title,
    siteUrl: loaded.feed.siteUrl,
    etag: loaded.resource.headers.get('etag'),
    lastModified: loaded.resource.headers.get('last-modified'),
  });

  const alreadyAdded = (url: string) => {
    const existing = library.feeds.getByUrl(url);
    if (existing) {
      throw new AppError('ALREADY_EXISTS', `You already follow this feed ("${existing.title}").`);
    }
  };

  async function refresh(feedId: number): Promise<number> {
    const row = library.feeds.get(feedId);
    if (!row) throw new AppError('NOT_FOUND', 'That feed is no longer in your library.');
    try {
      const result = await refetchFeed(
        fetcher,
        row.url,
        { etag: row.etag, lastModified: row.last_modified },
        deps.fetchOptions,
      );
      if (result.kind === 'not-modified') {
        library.merge(feedId, [], {
          title: row.title,
          siteUrl: row.site_url,
          etag: row.etag,
          lastModified: row.last_modified,
        });
        return 0;
      }
      return library.merge(feedId, result.feed.items, metaOf(result));
    } catch (error) {
      const apiError = error instanceof AppError ? error : new AppError('INTERNAL', 'The feed could not be read.');
      if (!(error instanceof AppError)) log(`refresh of feed ${feedId} failed`, error);
      if (library.feeds.get(feedId)) library.recordError(feedId, apiError.code, apiError.message);
      throw apiError;
    }
  }

  function status(): Status {
    const totals = library.feeds.totals();
    const feedsByMode: Record<DeliveryMode, number> = {
      push: 0,
      pending: 0,
      polling: totals.feeds,
      denied: 0,
      error: 0,
    };
    return {
      version: deps.version,
      feedCount: totals.feeds,
      unreadCount: totals.unread,
      push: { state: 'off', publicUrl: null, reason: 'Push is not set up yet: every feed is polled.' },
      feedsByMode,
    };
  }

  return {
    events,

    async addFeed({ url }) {
      const requested = parseHttpUrl(url).href;
      alreadyAdded(requested);
      const located = await locateFeed(fetcher, requested, deps.fetchOptions);
      if (located.kind === 'choices') return { choices: located.choices };
      alreadyAdded(located.url);
      const result = library.addFeed(located.url, metaOf(located), located.feed.items);
      events.emit('statusChanged', status());
      return result;
    },

    async removeFeed({ feedId }) {
      const removed = library.removeFeed(feedId);
      if (!removed) throw new AppError('NOT_FOUND', 'That feed is no longer in your library.');
      events.emit('statusChanged', status());
      return { removed };
    },

    async listFeeds() {
      return library.feeds.list().map((row) => library.feed(row.id)!);
    },

    async listItems({ feedId, unreadOnly, limit = defaultPageSize, before }) {
      const cursor = before !== undefined ? decodeCursor(before) : undefined;
      if (cursor === null) throw new AppError('INVALID_INPUT', 'That page cursor is not one Tidings gave out.');
      const rows = library.items.list({ feedId, unreadOnly, limit, before: cursor });
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
      // Two refreshes of one feed at once share the first one's work.
      let pending = refreshing.get(feedId);
      if (!pending) {
        pending = refresh(feedId).finally(() => refreshing.delete(feedId));
        refreshing.set(feedId, pending);
      }
      return { added: await pending };
    },

    async getStatus() {
      return status();
    },

    async close() {
      await Promise.allSettled(refreshing.values());
    },
  };
}
