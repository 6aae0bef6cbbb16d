import type { Db } from './db/open-db';
import { createFeedsRepo, type FeedsRepo } from './db/feeds-repo';
import { createItemsRepo, type ItemsRepo } from './db/items-repo';
import { createReadStateRepo } from './db/read-state-repo';
import type { EventHub } from './events';
import type { Clock } from './clock';
import type { Delivery, Feed } from '../../shared/api';
import type { NormalisedItem } from './feeds/normalise-item';
import { toFeed, toItemSummary } from './to-dto';

/** What the parts built after the library add to it: a feed's icon, and the rules' seam in every merge. */
export interface LibraryHooks {
  iconOf?(feedId: number): string | null;
  /** In the merge's transaction, with exactly the new items; may hide some and ask to notify others. */
  newItems?(
    feed: { id: number; title: string; folderId: number | null },
    added: ReadonlyArray<{ id: number; item: NormalisedItem }>,
  ): { hidden: ReadonlySet<number>; notify: number[] } | null;
}

export interface FeedMeta {
  title: string;
  siteUrl: string | null;
  etag: string | null;
  lastModified: string | null;
}

/**
 * The stored library: feeds and items, written in short synchronous
 * transactions (fetch and parse happen before, events after), and every write
 * announced. The one place that turns rows into what the UI sees.
 */
export interface Library {
  feeds: FeedsRepo;
  items: ItemsRepo;
  feed(id: number): Feed | undefined;
  /** Every feed as the sidebar lists it (by title), with its delivery. */
  listFeeds(): Feed[];
  addFeed(url: string, meta: FeedMeta, items: readonly NormalisedItem[]): { feed: Feed; added: number };
  /** Stores a fetch's result; returns how many items were new. */
  merge(feedId: number, items: readonly NormalisedItem[], meta?: FeedMeta): number;
  setRead(itemIds: readonly number[], read: boolean): number;
  removeFeed(feedId: number): boolean;
  recordError(feedId: number, code: string, message: string): void;
  /** Re-announces a feed after something outside the library (its delivery) changed. */
  announce(feedId: number): void;
}

/** Fetch bookkeeping no screen shows: a change to only these is not worth an event. */
const unseenColumns = new Set(['last_fetched_at', 'etag', 'last_modified']);
const shown = (row: object | undefined): string =>
  JSON.stringify(row ? Object.entries(row).filter(([column]) => !unseenColumns.has(column)) : null);

export function createLibrary(
  db: Db,
  events: EventHub,
  clock: Clock,
  deliveryOf: (feedId: number) => Delivery | undefined = () => undefined,
  /** deliveryOf for many feeds at once; a feed missing from it has the plain polling delivery. */
  deliveries: () => Map<number, Delivery> = () => new Map(),
  hooks: LibraryHooks = {},
): Library {
  const feeds = createFeedsRepo(db);
  const items = createItemsRepo(db);
  const readState = createReadStateRepo(db);
  const feedIdsOf = db.prepare<number[], { feed_id: number }>('SELECT DISTINCT feed_id FROM items WHERE id = ?');

  const feed = (id: number) => {
    const row = feeds.get(id);
    return row ? toFeed(row, deliveryOf(id), hooks.iconOf?.(id) ?? null) : undefined;
  };
  const announce = (feedId: number) => events.emit('feedChanged', { feedId, feed: feed(feedId) ?? null });
  type Verdict = ReturnType<NonNullable<LibraryHooks['newItems']>>;
  const announceItems = (feedId: number, ids: number[], verdict: Verdict) => {
    const shownIds = verdict ? ids.filter((id) => !verdict.hidden.has(id)) : ids;
    if (shownIds.length === 0) return;
    const notify = verdict?.notify.length ? { notifyItemIds: verdict.notify } : {};
    events.emit('itemsAdded', { feedId, items: items.byIds(shownIds).map(toItemSummary), ...notify });
  };

  /** Upserts, and hands the new items to the rules in the same transaction. */
  function upsertWithRules(feedId: number, list: readonly NormalisedItem[], now: number) {
    if (!hooks.newItems) return { added: items.upsert(feedId, list, now), verdict: null };
    const fresh: Array<{ id: number; item: NormalisedItem }> = [];
    const added = items.upsert(feedId, list, now, (id, item) => fresh.push({ id, item }));
    const row = fresh.length > 0 ? feeds.get(feedId) : undefined;
    const verdict = row ? hooks.newItems({ id: feedId, title: row.title, folderId: row.folder_id }, fresh) : null;
    return { added, verdict };
  }

  const insertFeed = db.transaction((url: string, meta: FeedMeta, list: readonly NormalisedItem[], now: number) => {
    const id = feeds.insert({ url, ...meta, fetchedAt: now });
    return { id, ...upsertWithRules(id, list, now) };
  });
  const mergeItems = db.transaction(
    (feedId: number, list: readonly NormalisedItem[], meta: FeedMeta | undefined, now: number) => {
      // The fetch's title first, so a rule on the feed's name sees the name it has now.
      if (meta) feeds.recordFetch(feedId, { ...meta, fetchedAt: now });
      return upsertWithRules(feedId, list, now);
    },
  );
  const setRead = db.transaction((ids: readonly number[], read: boolean) => {
    const touched = new Set<number>();
    for (const id of ids) {
      const row = feedIdsOf.get(id);
      if (row) touched.add(row.feed_id);
    }
    // An item under its feed's read mark is read by the mark: the flags follow it first, then this one changes.
    if (!read) for (const feedId of touched) readState.settleMark(feedId);
    return { changed: items.setRead(ids, read), touched };
  });

  return {
    feeds,
    items,
    feed,
    listFeeds() {
      const all = deliveries();
      return feeds.list().map((row) => toFeed(row, all.get(row.id), hooks.iconOf?.(row.id) ?? null));
    },
    announce,
    addFeed(url, meta, list) {
      const { id, added, verdict } = insertFeed(url, meta, list, clock.now());
      announce(id);
      announceItems(id, added, verdict);
      return { feed: feed(id)!, added: added.length };
    },
    merge(feedId, list, meta) {
      const before = shown(feeds.get(feedId));
      const { added, verdict } = mergeItems(feedId, list, meta, clock.now());
      // A fetch that changed nothing the screen shows (a 304, the same items again) is not
      // announced: a start-up catch-up of 1,000 feeds would otherwise repaint the sidebar 1,000 times.
      if (added.length > 0 || shown(feeds.get(feedId)) !== before) announce(feedId);
      announceItems(feedId, added, verdict);
      return added.length;
    },
    setRead(ids, read) {
      const { changed, touched } = setRead(ids, read);
      if (changed > 0) for (const feedId of touched) announce(feedId);
      return changed;
    },
    removeFeed(feedId) {
      const removed = feeds.remove(feedId);
      if (removed) events.emit('feedChanged', { feedId, feed: null });
      return removed;
    },
    recordError(feedId, code, message) {
      feeds.recordError(feedId, code, message);
      announce(feedId);
    },
  };
}
