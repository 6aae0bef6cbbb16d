import type Database from 'better-sqlite3';

export function initial(db: Database.Database): void {
  db.exec(`
    CREATE TABLE feeds (
      id INTEGER PRIMARY KEY,
      url TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL DEFAULT '',
      site_url TEXT,
      etag TEXT,
      last_modified TEXT,
      last_fetched_at INTEGER,
      last_error_code TEXT,
      last_error_message TEXT,
      created_at INTEGER NOT NULL,
      -- Kept by the triggers below so the sidebar never counts the items table.
      unread_count INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE items (
      id INTEGER PRIMARY KEY,
      feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      title TEXT NOT NULL,
      link TEXT,
      author TEXT,
      summary TEXT NOT NULL,
      content_html TEXT NOT NULL,
      published_at INTEGER,
      -- The date lists sort by: the item's own date, or when we first saw it.
      sort_at INTEGER NOT NULL,
      fetched_at INTEGER NOT NULL,
      content_hash TEXT NOT NULL,
      read INTEGER NOT NULL DEFAULT 0,
      starred INTEGER NOT NULL DEFAULT 0,
      UNIQUE (feed_id, key)
    ) STRICT;

    -- One index per list the UI shows; the partial ones make "unread" lists cheap.
    CREATE INDEX items_by_feed ON items (feed_id, sort_at DESC, id DESC);
    CREATE INDEX items_by_date ON items (sort_at DESC, id DESC);
    CREATE INDEX items_unread_by_date ON items (sort_at DESC, id DESC) WHERE read = 0;
    CREATE INDEX items_unread_by_feed ON items (feed_id, sort_at DESC, id DESC) WHERE read = 0;

    CREATE TRIGGER items_unread_insert AFTER INSERT ON items WHEN NEW.read = 0 BEGIN
      UPDATE feeds SET unread_count = unread_count + 1 WHERE id = NEW.feed_id;
    END;
    CREATE TRIGGER items_unread_delete AFTER DELETE ON items WHEN OLD.read = 0 BEGIN
      UPDATE feeds SET unread_count = unread_count - 1 WHERE id = OLD.feed_id;
    END;
    CREATE TRIGGER items_unread_update AFTER UPDATE OF read ON items WHEN OLD.read <> NEW.read BEGIN
      UPDATE feeds SET unread_count = unread_count + (CASE WHEN NEW.read = 0 THEN 1 ELSE -1 END)
      WHERE id = NEW.feed_id;
    END;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `);
}
