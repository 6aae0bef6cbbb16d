import type Database from 'better-sqlite3';

/**
 * The polling schedule (one row per feed) and the change log the renderer
 * catches up from when an event was lost.
 */
export function pollScheduleAndChanges(db: Database.Database): void {
  db.exec(`
    CREATE TABLE poll_schedule (
      feed_id INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,
      next_poll_at INTEGER NOT NULL,
      -- The interval the schedule has learnt from the feed (before jitter and backoff).
      interval_ms INTEGER NOT NULL,
      failures INTEGER NOT NULL DEFAULT 0,
      -- A 429/503 Retry-After: no request before this time, whatever else asks.
      retry_after INTEGER,
      last_new_at INTEGER,
      -- Moving average of the time between two polls that found new items.
      avg_gap_ms INTEGER,
      -- Set when the feed answered 410 Gone: not polled again until refreshed by hand.
      stopped INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX poll_schedule_due ON poll_schedule (next_poll_at) WHERE stopped = 0;

    -- Every change the screen shows, in order: seq is the renderer's cursor.
    -- item_id NULL means "the feed row changed (or was removed)".
    CREATE TABLE changes (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      feed_id INTEGER NOT NULL,
      item_id INTEGER
    ) STRICT;

    CREATE TRIGGER changes_item_insert AFTER INSERT ON items BEGIN
      INSERT INTO changes (feed_id, item_id) VALUES (NEW.feed_id, NEW.id);
    END;
    CREATE TRIGGER changes_feed_insert AFTER INSERT ON feeds BEGIN
      INSERT INTO changes (feed_id, item_id) VALUES (NEW.id, NULL);
    END;
    CREATE TRIGGER changes_feed_delete AFTER DELETE ON feeds BEGIN
      INSERT INTO changes (feed_id, item_id) VALUES (OLD.id, NULL);
    END;
    -- Only what the screen shows: a 304 poll that just stamps last_fetched_at logs nothing.
    CREATE TRIGGER changes_feed_update AFTER UPDATE ON feeds
    WHEN OLD.title IS NOT NEW.title OR OLD.url IS NOT NEW.url OR OLD.site_url IS NOT NEW.site_url
      OR OLD.unread_count IS NOT NEW.unread_count OR OLD.last_error_code IS NOT NEW.last_error_code
      OR OLD.last_error_message IS NOT NEW.last_error_message OR OLD.folder_id IS NOT NEW.folder_id
    BEGIN
      INSERT INTO changes (feed_id, item_id) VALUES (NEW.id, NULL);
    END;
  `);
}
