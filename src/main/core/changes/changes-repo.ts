import type { Db } from '../db/open-db';

export interface ChangeRow {
  seq: number;
  feed_id: number;
  item_id: number | null;
}

export type ChangesRepo = ReturnType<typeof createChangesRepo>;

/** The change log (table changes, written by triggers): what the screen shows, in order. */
export function createChangesRepo(db: Db) {
  const bounds = db.prepare<[], { oldest: number | null; latest: number | null }>(
    'SELECT min(seq) AS oldest, max(seq) AS latest FROM changes',
  );
  const since = db.prepare<[number, number], ChangeRow>(
    'SELECT seq, feed_id, item_id FROM changes WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const prune = db.prepare<[number]>('DELETE FROM changes WHERE seq <= ?');
  return {
    bounds: () => bounds.get() ?? { oldest: null, latest: null },
    since: (cursor: number, limit: number): ChangeRow[] => since.all(cursor, limit),
    pruneUpTo: (seq: number): number => prune.run(seq).changes,
  };
}
