import type { Db } from './db/open-db';
import { createFeedsRepo, type FeedsRepo } from './db/feeds-repo';
import { createItemsRepo, type ItemsRepo } from './db/items-repo';
import { createReadStateRepo } from './db/read-state-repo';
import type { EventHub } from './events';
import type { Clock } from './clock';
import type { Delivery, Feed } from '../../shared/api';
import type { NormalisedItem } from './feeds/normalise-item';
import { toFeed, toItemSummary } from './to-dto';
import { nextTurn } from './next-turn';

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
  addFeed(url: string, meta: FeedMeta, items: readonly NormalisedItem[]): Promise<{ feed: Feed; added: number }>;
  /**
   * Stores a fetch's or a ping's items; resolves to how many were new. A long
   * list is stored in chunks, each its own transaction of about `chunkMs`,
   * with the event loop free between them (a 100,000-entry ping or a 10 MB
   * feed never holds it for long). Readers see whole chunks only, newest
   * first: every committed state has its items and their unread counts
   * together. `meta` (the fetch's validators) and `last` (say, removing the
   * inbox row) go in the last chunk's transaction, so a crash midway leaves the
   * fetch or the ping to be done again, which adds nothing twice.
   */
  merge(feedId: number, items: readonly NormalisedItem[], meta?: FeedMeta, last?: () => void): Promise<number>;
  /** A merge of a short list in one transaction (the caller's, if it has one); returns how many were new. */
  mergeNow(feedId: number, items: readonly NormalisedItem[]): number;
  /** About how many items one transaction stores in `ms` (default `chunkMs`) now: what callers may give mergeNow. */
  chunkItems(ms?: number): number;
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

/**
 * How long one merge transaction's upserts may hold the thread: a hub's
 * acknowledgement or a click waits behind it about this long (the goal is
 * < 50 ms blocks). Less than half the goal, because the same turn also pays
 * for the commit (FTS5 writes its segments then, and every few chunks SQLite
 * checkpoints the WAL: ~15 ms), the announcement and the GC: at 20 ms the
 * 100,000-entry ping's longest block was 48-57 ms, at 12 ms 37-43 ms, its
 * whole merge as fast (bench hostile-input).
 */
export const chunkMs = 12;
const minChunk = 16;
const maxChunk = 4096;

/**
 * First occurrence of each key only, across the chunks of one merge (`seen`
 * carries the keys of the chunks before): a feed that repeats an entry gets it
 * once, whichever chunk it falls in. Done a chunk at a time, so a 100,000-item
 * list is never walked in one go (that alone held the thread ~30 ms).
 */
function firstOfEachKey(list: readonly NormalisedItem[], seen: Set<string>): readonly NormalisedItem[] {
  const unique = list.filter((item) => !seen.has(item.key) && (seen.add(item.key), true));
  return unique.length === list.length ? list : unique;
}

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

  // What one item costs to store now (ms, learned from each chunk): new items
  // with their full-text entries cost ~10x unchanged ones, and more as the library grows.
  let perItemMs = 0.2;
  const chunkItems = (ms = chunkMs) => Math.max(minChunk, Math.min(maxChunk, Math.floor(ms / perItemMs)));
  function timed<T>(count: number, write: () => T): T {
    const started = performance.now();
    const result = write();
    if (count >= minChunk) perItemMs = 0.7 * perItemMs + (0.3 * (performance.now() - started)) / count;
    return result;
  }

  /** Upserts, and hands the new items to the rules in the same transaction. */
  function upsertWithRules(feedId: number, list: readonly NormalisedItem[], now: number, indexBase = 0) {
    if (!hooks.newItems) return { added: items.upsert(feedId, list, now, undefined, indexBase), verdict: null };
    const fresh: Array<{ id: number; item: NormalisedItem }> = [];
    const added = items.upsert(feedId, list, now, (id, item) => fresh.push({ id, item }), indexBase);
    const row = fresh.length > 0 ? feeds.get(feedId) : undefined;
    const verdict = row ? hooks.newItems({ id: feedId, title: row.title, folderId: row.folder_id }, fresh) : null;
    return { added, verdict };
  }

  const insertFeed = db.transaction((url: string, meta: FeedMeta, list: readonly NormalisedItem[], now: number) => {
    const id = feeds.insert({ url, ...meta, fetchedAt: now });
    return { id, ...upsertWithRules(id, list, now) };
  });
  const mergeItems = db.transaction(
    (
      feedId: number,
      list: readonly NormalisedItem[],
      meta: FeedMeta | undefined,
      now: number,
      indexBase: number,
      last: (() => void) | undefined,
    ) => {
      // The fetch's title first, so a rule on the feed's name sees the name it has now
      // (in a merge of many chunks, only the last one's rules do: the validators must wait for it).
      if (meta) feeds.recordFetch(feedId, { ...meta, fetchedAt: now });
      const result = upsertWithRules(feedId, list, now, indexBase);
      last?.();
      return result;
    },
  );
  const finish = db.transaction((last: () => void) => last());

  /** Chunks of `list` from `offset`, each in its own transaction, the loop free between them. */
  async function mergeChunks(
    feedId: number,
    list: readonly NormalisedItem[],
    offset: number,
    seen: Set<string>,
    meta: FeedMeta | undefined,
    last: (() => void) | undefined,
    now: number,
    /** The feed as shown before the merge: the last chunk announces it only if that changed. */
    before: string | null,
  ): Promise<number> {
    let added = 0;
    do {
      if (offset > 0) {
        await nextTurn();
        // Removed meanwhile: nothing more to store (its inbox rows went with it).
        if (!feeds.get(feedId)) {
          if (last) finish(last);
          return added;
        }
      }
      const taken = list.slice(offset, offset + chunkItems());
      const chunk = firstOfEachKey(taken, seen);
      const final = offset + taken.length >= list.length;
      // `offset` (the position in the whole list) orders items without a date, repeats skipped or not.
      const result = timed(chunk.length, () =>
        mergeItems(feedId, chunk, final ? meta : undefined, now, offset, final ? last : undefined),
      );
      // A fetch that changed nothing the screen shows (a 304, the same items again) is not
      // announced: a start-up catch-up of 1,000 feeds would otherwise repaint the sidebar 1,000 times.
      if (result.added.length > 0 || (final && before !== null && shown(feeds.get(feedId)) !== before)) {
        announce(feedId);
      }
      announceItems(feedId, result.added, result.verdict);
      added += result.added.length;
      offset += taken.length;
    } while (offset < list.length);
    return added;
  }
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
    async addFeed(url, meta, list) {
      const seen = new Set<string>();
      const now = clock.now();
      const taken = list.slice(0, chunkItems());
      const first = firstOfEachKey(taken, seen);
      const { id, added, verdict } = timed(first.length, () => insertFeed(url, meta, first, now));
      announce(id);
      announceItems(id, added, verdict);
      const more =
        taken.length < list.length
          ? await mergeChunks(id, list, taken.length, seen, undefined, undefined, now, null)
          : 0;
      return { feed: feed(id)!, added: added.length + more };
    },
    async merge(feedId, list, meta, last) {
      const before = shown(feeds.get(feedId));
      return mergeChunks(feedId, list, 0, new Set(), meta, last, clock.now(), before);
    },
    mergeNow(feedId, list) {
      const before = shown(feeds.get(feedId));
      const { added, verdict } = timed(list.length, () =>
        mergeItems(feedId, list, undefined, clock.now(), 0, undefined),
      );
      if (added.length > 0 || shown(feeds.get(feedId)) !== before) announce(feedId);
      announceItems(feedId, added, verdict);
      return added.length;
    },
    chunkItems,
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
