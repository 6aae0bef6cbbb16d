import type Database from 'better-sqlite3';

/**
 * Issue 16: feed icons, extracted articles and rules.
 *
 * Icons and articles live in tables of their own, not as columns of feeds and
 * items, so the rows every list walks stay as narrow as they were. `hidden` is
 * the one new item column: a rule can hide an item, and every list skips it
 * (a hidden item is also marked read, so the unread partial indexes and counts
 * never see it).
 */
export function iconsArticlesRules(db: Database.Database): void {
  db.exec(`
    CREATE TABLE feed_icons (
      feed_id INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,
      -- NULL when no icon was found: the UI draws a letter tile, and the search is tried again at next_check_at.
      data BLOB,
      mime TEXT,
      -- Where data came from; and the icon the feed document itself names (Atom icon/logo, RSS image, JSON Feed icon).
      source_url TEXT,
      feed_icon_url TEXT,
      etag TEXT,
      last_modified TEXT,
      checked_at INTEGER NOT NULL,
      next_check_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE articles (
      item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
      url TEXT NOT NULL,
      title TEXT NOT NULL,
      byline TEXT,
      content_html TEXT NOT NULL,
      extracted_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE rules (
      id INTEGER PRIMARY KEY,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1,
      field TEXT NOT NULL,
      match TEXT NOT NULL,
      value TEXT NOT NULL,
      -- A JSON array of action names.
      actions TEXT NOT NULL,
      -- At most one of the two: none means every feed. A rule goes with its feed or folder.
      feed_id INTEGER REFERENCES feeds(id) ON DELETE CASCADE,
      folder_id INTEGER REFERENCES folders(id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL
    ) STRICT;

    ALTER TABLE items ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
  `);
}
