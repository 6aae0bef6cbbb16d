import type { Db } from './open-db';

export type RetentionRepo = ReturnType<typeof createRetentionRepo>;

/** The deletes behind retention: read, unstarred, old items, a small batch at a time. */
export function createRetentionRepo(db: Db) {
  // Served by the partial index items_prunable (read = 1 AND starred = 0), oldest first.
  const prunable = db.prepare<[number, number, number], { id: number; feed_id: number; key: string }>(
    `SELECT id, feed_id, key FROM items
     WHERE read = 1 AND starred = 0 AND sort_at < ? AND fetched_at < ?
     ORDER BY sort_at LIMIT ?`,
  );
  // Re-checked at delete time: an item starred or marked unread meanwhile is never pruned.
  const remove = db.prepare<[number]>('DELETE FROM items WHERE id = ? AND read = 1 AND starred = 0');
  const tombstone = db.prepare<[number, string, number]>(
    `INSERT INTO pruned_items (feed_id, key, seen_at) VALUES (?, ?, ?)
     ON CONFLICT (feed_id, key) DO UPDATE SET seen_at = excluded.seen_at`,
  );
  const forget = db.prepare<[number]>('DELETE FROM pruned_items WHERE seen_at < ?');

  const pruneBatch = db.transaction((cutoff: number, size: number, now: number) => {
    let pruned = 0;
    for (const row of prunable.all(cutoff, cutoff, size)) {
      if (remove.run(row.id).changes === 0) continue;
      tombstone.run(row.feed_id, row.key, now);
      pruned++;
    }
    return pruned;
  });

  return {
    /** Deletes up to `size` prunable items dated before `cutoff`, in one short transaction; returns how many. */
    pruneBatch: (cutoff: number, size: number, now: number): number => pruneBatch(cutoff, size, now),
    /** Drops tombstones no fetch has listed since `before`. */
    forgetTombstones: (before: number): number => forget.run(before).changes,
  };
}
