import type Database from 'better-sqlite3';

/**
 * What an item carries besides its text: its enclosures (audio, video, files)
 * as a JSON array of { url, type, length, title, durationSeconds }, and its
 * picture. Read with the item only, never queried by: a column beats a table.
 */
export function itemEnclosures(db: Database.Database): void {
  db.exec(`
    ALTER TABLE items ADD COLUMN enclosures TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE items ADD COLUMN image_url TEXT;
  `);
}
