import type { Changes, Feed, MethodArgs } from '../../../shared/api';
import type { Db } from '../db/open-db';
import type { EventHub } from '../events';
import type { Library } from '../library';
import { toItemSummary } from '../to-dto';
import { createChangesRepo } from './changes-repo';

/** More changes than this since a cursor: reloading is cheaper than a merge. */
const maxChanges = 2_000;
/** How much history the log keeps; a renderer further behind reloads. */
const keepChanges = 50_000;

/**
 * `changesSince`: the renderer's fallback when an event was lost (sleep, a
 * dropped stream). The cursor is the change log's sequence number, so it only
 * ever grows; a cursor the log no longer covers answers `reset`.
 */
export function createChangesSince(db: Db, library: Library, events: EventHub) {
  const repo = createChangesRepo(db);
  // Kept short even when no window ever asks (a headless host left running for months).
  const prune = () => {
    const { oldest, latest } = repo.bounds();
    if (oldest !== null && latest !== null && latest - oldest > 2 * keepChanges) repo.pruneUpTo(latest - keepChanges);
  };
  prune();
  const stop = events.on('itemsAdded', prune);
  const nothing = (cursor: number, reset: boolean): Changes => ({
    cursor,
    reset,
    feeds: [],
    removedFeedIds: [],
    items: [],
  });

  async function changesSince({ cursor }: MethodArgs['changesSince']): Promise<Changes> {
    const { oldest, latest: newest } = repo.bounds();
    const latest = newest ?? 0;
    if (cursor === undefined || cursor > latest) return nothing(latest, true);
    if (cursor === latest) return nothing(latest, false);
    if (oldest === null || oldest > cursor + 1) return nothing(latest, true);

    const rows = repo.since(cursor, maxChanges + 1);
    if (rows.length > maxChanges) return nothing(latest, true);
    const feedIds = new Set<number>();
    const itemIds: number[] = [];
    for (const row of rows) {
      feedIds.add(row.feed_id);
      if (row.item_id !== null) itemIds.push(row.item_id);
    }
    const feeds: Feed[] = [];
    const removedFeedIds: number[] = [];
    for (const id of feedIds) {
      const feed = library.feed(id);
      if (feed) feeds.push(feed);
      else removedFeedIds.push(id);
    }
    const items = library.items
      .byIds(itemIds)
      .map(toItemSummary)
      .sort((a, b) => b.publishedAt - a.publishedAt || b.id - a.id);
    return { cursor: rows.at(-1)!.seq, reset: false, feeds, removedFeedIds, items };
  }

  return { changesSince, stop };
}
