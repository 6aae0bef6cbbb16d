import type Database from 'better-sqlite3';

/**
 * Folders: one level, like the big readers. A feed is in at most one folder;
 * deleting a folder moves its feeds out (SET NULL), it never deletes them.
 */
export function folders(db: Database.Database): void {
  db.exec(`
    CREATE TABLE folders (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      created_at INTEGER NOT NULL
    ) STRICT;

    ALTER TABLE feeds ADD COLUMN folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL;

    -- Per-folder feed lists, unread sums and item views all filter feeds by folder.
    CREATE INDEX feeds_by_folder ON feeds (folder_id);
  `);
}
