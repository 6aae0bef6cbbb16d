import type { Db } from './open-db';

export type ReadStateRepo = ReturnType<typeof createReadStateRepo>;

/** The read mark a mark-all-read set on one feed, and the one it replaced: what an undo needs. */
export interface FeedMark {
  feedId: number;
  mark: number;
  previous: number;
}

/**
 * Bulk read state and stars: the writes behind mark-all-read, its undo, and
 * starring. Marking a feed read writes its read mark (feeds.read_through,
 * migration 010), one row whatever the number of items; the items' own flags
 * catch up later (`applyMark`, in small batches).
 */
export function createReadStateRepo(db: Db) {
  // feeds.unread_count is kept up to date, so finding the feeds to touch never scans items.
  const feedsWithUnread = db.prepare<[], { id: number }>('SELECT id FROM feeds WHERE unread_count > 0');
  const folderFeedsWithUnread = db.prepare<[number], { id: number }>(
    'SELECT id FROM feeds WHERE folder_id = ? AND unread_count > 0',
  );
  const feedUnread = db.prepare<[number], { unread_count: number }>('SELECT unread_count FROM feeds WHERE id = ?');
  const readThrough = db.prepare<[number], { read_through: number }>('SELECT read_through FROM feeds WHERE id = ?');
  // Read from the partial index items_unread_by_feed alone (it holds the ids): no item row is visited.
  const unreadIds = db.prepare<[number], { id: number }>(
    `SELECT i.id FROM items i JOIN feeds f ON f.id = i.feed_id
     WHERE i.feed_id = ? AND i.read = 0 AND i.id > f.read_through`,
  );
  const countUnread = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM items i JOIN feeds f ON f.id = i.feed_id
     WHERE i.feed_id = ? AND i.read = 0 AND i.id > f.read_through`,
  );
  const setMark = db.prepare<[number, number]>('UPDATE feeds SET read_through = ?, unread_count = 0 WHERE id = ?');
  const lowerMark = db.prepare<[number, number]>('UPDATE feeds SET read_through = ? WHERE id = ?');
  const setCount = db.prepare<[number, number]>('UPDATE feeds SET unread_count = ? WHERE id = ?');
  // Under the mark the count does not change (the triggers only count past it).
  const applyBatch = db.prepare<[number, number, number]>(
    `UPDATE items SET read = 1 WHERE id IN (
       SELECT id FROM items WHERE feed_id = ? AND read = 0 AND id <= ? LIMIT ?)`,
  );
  const clearMark = db.prepare<[number, number]>('UPDATE feeds SET read_through = 0 WHERE id = ? AND read_through = ?');
  const pendingMarks = db.prepare<[], { id: number; read_through: number }>(
    'SELECT id, read_through FROM feeds WHERE read_through > 0',
  );
  const markUnread = db.prepare<[number], { feed_id: number }>(
    'UPDATE items SET read = 0 WHERE id = ? AND read = 1 RETURNING feed_id',
  );
  const feedOf = db.prepare<[number], { feed_id: number }>('SELECT feed_id FROM items WHERE id = ?');
  const star = db.prepare<[number, number, number], { feed_id: number }>(
    'UPDATE items SET starred = ? WHERE id = ? AND starred <> ? RETURNING feed_id',
  );

  /** The items' own flags follow a feed's mark: up to `batch` of them; true once none is left and the mark is gone. */
  function applyMark(feedId: number, mark: number, batch: number): boolean {
    if (applyBatch.run(feedId, mark, batch).changes === batch) return false;
    clearMark.run(feedId, mark);
    return true;
  }

  return {
    feedsWithUnread: (): number[] => feedsWithUnread.all().map((row) => row.id),
    folderFeedsWithUnread: (folderId: number): number[] => folderFeedsWithUnread.all(folderId).map((row) => row.id),
    hasUnread: (feedId: number): boolean => (feedUnread.get(feedId)?.unread_count ?? 0) > 0,
    /**
     * Marks every item of a feed read by moving its read mark to its newest
     * unread item. Returns the ids that were unread (what an undo puts back) and
     * the mark, or null when nothing was unread.
     */
    markFeedRead(feedId: number): { ids: number[]; mark: FeedMark } | null {
      const ids = unreadIds.all(feedId).map((row) => row.id);
      if (ids.length === 0) return null;
      const previous = readThrough.get(feedId)?.read_through ?? 0;
      let mark = previous;
      for (const id of ids) if (id > mark) mark = id;
      setMark.run(mark, feedId);
      return { ids, mark: { feedId, mark, previous } };
    },
    /** Read marks waiting for their items' flags to follow. */
    pendingMarks: (): Array<{ feedId: number; mark: number }> =>
      pendingMarks.all().map((row) => ({ feedId: row.id, mark: row.read_through })),
    applyMark,
    /** Brings a feed's items' flags level with its read mark now (before an item under it is marked unread). */
    settleMark(feedId: number): void {
      const mark = readThrough.get(feedId)?.read_through ?? 0;
      if (mark > 0) while (!applyMark(feedId, mark, 10_000));
    },
    /**
     * Undoes mark-all-reads: the items are unread again. A feed whose mark is
     * still the one set gets its previous mark back (whatever its items' flags
     * already followed is put back too); otherwise the items are marked one by one.
     * Returns how many items are unread again and the feeds whose counts changed.
     */
    undo(ids: readonly number[], marks: readonly FeedMark[]): { changed: number; feeds: Set<number> } {
      const feeds = new Set<number>();
      let changed = 0;
      const restored = new Map<number, number>();
      for (const { feedId, mark, previous } of marks) {
        if (readThrough.get(feedId)?.read_through === mark) restored.set(feedId, previous);
        else this.settleMark(feedId);
      }
      for (const id of ids) {
        const feedId = feedOf.get(id)?.feed_id;
        if (feedId === undefined) continue; // removed since
        if (restored.has(feedId)) {
          markUnread.run(id); // still under the mark: not counted; the count is taken below
          changed++;
          feeds.add(feedId);
        } else if (markUnread.get(id)) {
          changed++;
          feeds.add(feedId);
        }
      }
      for (const [feedId, previous] of restored) {
        lowerMark.run(previous, feedId);
        setCount.run(countUnread.get(feedId)!.n, feedId);
      }
      return { changed, feeds };
    },
    /** Stars or unstars items; returns how many changed and the feeds they belong to. */
    setStarred(ids: readonly number[], starred: boolean): { changed: number; feeds: Set<number> } {
      const value = starred ? 1 : 0;
      const feeds = new Set<number>();
      let changed = 0;
      for (const id of ids) {
        const row = star.get(value, id, value);
        if (row) {
          changed++;
          feeds.add(row.feed_id);
        }
      }
      return { changed, feeds };
    },
  };
}
