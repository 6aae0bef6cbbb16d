import type Database from 'better-sqlite3';

/**
 * Full-text search, the starred view and retention.
 *
 * The search index is an FTS5 external-content table over `items`: the text is
 * stored once (in items) and the index follows every insert, text change and
 * delete through triggers. The update trigger fires only for the text columns,
 * so marking read or starred never touches the index.
 */
export function searchStarsRetention(db: Database.Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE items_fts USING fts5(
      title, summary, content_html, author,
      content = 'items', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO items_fts (items_fts) VALUES ('rebuild');

    CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
      INSERT INTO items_fts (rowid, title, summary, content_html, author)
      VALUES (NEW.id, NEW.title, NEW.summary, NEW.content_html, NEW.author);
    END;
    CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
      INSERT INTO items_fts (items_fts, rowid, title, summary, content_html, author)
      VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.content_html, OLD.author);
    END;
    CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary, content_html, author ON items BEGIN
      INSERT INTO items_fts (items_fts, rowid, title, summary, content_html, author)
      VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.content_html, OLD.author);
      INSERT INTO items_fts (rowid, title, summary, content_html, author)
      VALUES (NEW.id, NEW.title, NEW.summary, NEW.content_html, NEW.author);
    END;

    -- The starred view, newest first, without touching unstarred rows.
    CREATE INDEX items_starred_by_date ON items (sort_at DESC, id DESC) WHERE starred = 1;
    -- Retention finds what it may prune (read, unstarred, old) without scanning the rest.
    CREATE INDEX items_prunable ON items (sort_at) WHERE read = 1 AND starred = 0;

    -- Keys of pruned items still listed by their feed, so a re-fetch doesn't bring
    -- them back as unread. seen_at is refreshed whenever a fetch lists the key again;
    -- a tombstone no fetch has listed for a while is dropped.
    CREATE TABLE pruned_items (
      feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      seen_at INTEGER NOT NULL,
      PRIMARY KEY (feed_id, key)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX pruned_items_by_seen ON pruned_items (seen_at);
  `);
}
