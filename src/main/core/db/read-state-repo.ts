import type { Db } from './open-db';

export type ReadStateRepo = ReturnType<typeof createReadStateRepo>;

/** Bulk read state and stars: the writes behind mark-all-read, its undo, and starring. */
export function createReadStateRepo(db: Db) {
  // feeds.unread_count is kept by triggers, so finding the feeds to touch never scans items.
  const feedsWithUnread = db.prepare<[], { id: number }>('SELECT id FROM feeds WHERE unread_count > 0');
  const folderFeedsWithUnread = db.prepare<[number], { id: number }>(
    'SELECT id FROM feeds WHERE folder_id = ? AND unread_count > 0',
  );
  const feedUnread = db.prepare<[number], { unread_count: number }>('SELECT unread_count FROM feeds WHERE id = ?');
  // Served by the partial index items_unread_by_feed: only the unread rows are visited.
  const markFeedRead = db.prepare<[number], { id: number }>(
    'UPDATE items SET read = 1 WHERE feed_id = ? AND read = 0 RETURNING id',
  );
  const markUnread = db.prepare<[number], { feed_id: number }>(
    'UPDATE items SET read = 0 WHERE id = ? AND read = 1 RETURNING feed_id',
  );
  const star = db.prepare<[number, number, number], { feed_id: number }>(
    'UPDATE items SET starred = ? WHERE id = ? AND starred <> ? RETURNING feed_id',
  );

  return {
    feedsWithUnread: (): number[] => feedsWithUnread.all().map((row) => row.id),
    folderFeedsWithUnread: (folderId: number): number[] => folderFeedsWithUnread.all(folderId).map((row) => row.id),
    hasUnread: (feedId: number): boolean => (feedUnread.get(feedId)?.unread_count ?? 0) > 0,
    /** Marks a feed's unread items read; returns their ids (what an undo puts back). */
    markFeedRead: (feedId: number): number[] => markFeedRead.all(feedId).map((row) => row.id),
    /** Marks items unread again; returns how many changed and the feeds whose counts changed. */
    markUnread(ids: readonly number[]): { changed: number; feeds: Set<number> } {
      const feeds = new Set<number>();
      let changed = 0;
      for (const id of ids) {
        const row = markUnread.get(id);
        if (row) {
          changed++;
          feeds.add(row.feed_id);
        }
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
