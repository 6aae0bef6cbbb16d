import type { Db } from './db/open-db';
import type { DeliveryMode, Status } from '../../shared/api';
import type { Clock } from './clock';
import type { CoreContext, CoreMethods, Log } from './context';
import { createEventHub, type EventHub } from './events';
import { fetchUrl, type FetchOptions } from './feeds/fetch-url';
import type { Fetcher } from './feeds/load-feed';
import { createFeedMethods } from './feeds/feed-methods';
import { createLibrary } from './library';
import { createSettings } from './settings-methods';
import { createSearchMethods } from './search/search-methods';
import { createReadStateMethods } from './reading/read-state-methods';
import { createRetention } from './retention/retention';

export type { CoreMethods, Log } from './context';

export interface ReaderDeps {
  db: Db;
  clock: Clock;
  log: Log;
  version: string;
  fetcher?: Fetcher;
  /** Limits for every feed fetch (size, time, redirects). */
  fetchOptions?: FetchOptions;
}

export interface Reader extends CoreMethods {
  events: EventHub;
  close(): Promise<void>;
}

/**
 * The core: composes the parts, each implementing some methods of the
 * contract, and starts them in a visible order. Both shells (Electron and the
 * headless host) build exactly one of these and forward to it.
 */
export function createReader(deps: ReaderDeps): Reader {
  const events = createEventHub(deps.log);
  const library = createLibrary(deps.db, events, deps.clock);
  const ctx: CoreContext = {
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
    events,
    library,
    fetcher: deps.fetcher ?? fetchUrl,
    fetchOptions: deps.fetchOptions,
    version: deps.version,
  };

  function status(): Status {
    const totals = library.feeds.totals();
    const feedsByMode: Record<DeliveryMode, number> = { push: 0, pending: 0, polling: 0, denied: 0, error: 0 };
    for (const row of library.feeds.list()) feedsByMode[library.feed(row.id)!.delivery.mode]++;
    return {
      version: deps.version,
      feedCount: totals.feeds,
      unreadCount: totals.unread,
      push: { state: 'off', publicUrl: null, reason: 'Push is not set up yet: every feed is polled.' },
      feedsByMode,
    };
  }
  const statusChanged = () => events.emit('statusChanged', status());

  const settings = createSettings(ctx);
  const feeds = createFeedMethods(
    ctx,
    { feedAdded: () => {}, feedFetched: () => {}, feedRemoved: () => {} },
    statusChanged,
  );
  const search = createSearchMethods(ctx);
  const readState = createReadStateMethods(ctx, statusChanged);
  // Retention runs in small batches on a timer, and again whenever its setting changes.
  const retention = createRetention({ ...ctx, keepReadDays: () => settings.current().keepReadDays });
  const stopRetention = retention.start();
  const offRetentionSetting = settings.onChange((now, before) => {
    if (now.keepReadDays !== before.keepReadDays) void retention.runNow().catch((e: unknown) => ctx.log('retention cleanup failed', e));
  });

  return {
    events,
    addFeed: feeds.addFeed,
    removeFeed: feeds.removeFeed,
    listFeeds: feeds.listFeeds,
    listItems: feeds.listItems,
    getItem: feeds.getItem,
    setRead: feeds.setRead,
    refreshFeed: feeds.refreshFeed,
    getStatus: async () => status(),
    getSettings: settings.getSettings,
    updateSettings: settings.updateSettings,
    setStarred: readState.setStarred,
    search: search.search,
    markAllRead: readState.markAllRead,
    undoMarkAllRead: readState.undoMarkAllRead,
    async close() {
      offRetentionSetting();
      stopRetention();
      await retention.settle();
      await feeds.settle();
    },
  };
}
