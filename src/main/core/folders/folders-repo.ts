import type { Db } from '../db/open-db';

export interface FolderRow {
  id: number;
  name: string;
  feed_count: number;
  unread_count: number;
}

export type FoldersRepo = ReturnType<typeof createFoldersRepo>;

/** Folders and feed membership (feeds.folder_id). Other parts join on feeds.folder_id directly. */
export function createFoldersRepo(db: Db) {
  const all = db.prepare<[], FolderRow>(
    `SELECT d.id, d.name, count(f.id) AS feed_count, coalesce(sum(f.unread_count), 0) AS unread_count
     FROM folders d LEFT JOIN feeds f ON f.folder_id = d.id
     GROUP BY d.id ORDER BY d.name COLLATE NOCASE, d.id`,
  );
  const byId = db.prepare<[number], { id: number; name: string }>('SELECT id, name FROM folders WHERE id = ?');
  const byName = db.prepare<[string], { id: number; name: string }>('SELECT id, name FROM folders WHERE name = ?');
  const insert = db.prepare<[string, number]>('INSERT INTO folders (name, created_at) VALUES (?, ?)');
  const rename = db.prepare<[string, number]>('UPDATE folders SET name = ? WHERE id = ?');
  const remove = db.prepare<[number]>('DELETE FROM folders WHERE id = ?');
  const feedIdsIn = db.prepare<[number], { id: number }>('SELECT id FROM feeds WHERE folder_id = ?');
  const move = db.prepare<[number | null, number]>('UPDATE feeds SET folder_id = ? WHERE id = ?');

  return {
    list: (): FolderRow[] => all.all(),
    get: (id: number) => byId.get(id),
    /** Case-insensitive, like the UNIQUE constraint. */
    getByName: (name: string) => byName.get(name),
    insert: (name: string, now: number): number => Number(insert.run(name, now).lastInsertRowid),
    rename: (id: number, name: string): boolean => rename.run(name, id).changes > 0,
    /** Deletes the folder; ON DELETE SET NULL moves its feeds out. Returns the feeds that moved. */
    remove(id: number): { deleted: boolean; moved: number[] } {
      const moved = feedIdsIn.all(id).map((row) => row.id);
      return { deleted: remove.run(id).changes > 0, moved };
    },
    moveFeed: (feedId: number, folderId: number | null): boolean => move.run(folderId, feedId).changes > 0,
  };
}
