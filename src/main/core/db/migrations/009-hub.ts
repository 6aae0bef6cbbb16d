import type Database from 'better-sqlite3';

/**
 * Tidings as a hub (issue 12): the shared feed, the subscriptions its hub has
 * verified, the delivery queue (persisted, so a restart or a sleep loses no
 * delivery) and the pings owed to external hubs. `IF NOT EXISTS` throughout:
 * migrations are numbered by their place in the list, and a developer profile
 * that ran this step under another number must not fail on it again.
 */
export function hub(db: Database.Database): void {
  db.exec(`
    -- The feed itself: a stable Atom id, and a version bumped on every change
    -- (a queued delivery older than the current version is simply superseded).
    CREATE TABLE IF NOT EXISTS shared_feed (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      atom_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    -- A copy of what was shared, so the entry outlives its item (feed removed, pruned).
    CREATE TABLE IF NOT EXISTS shared_entries (
      id INTEGER PRIMARY KEY,
      atom_id TEXT NOT NULL UNIQUE,
      item_id INTEGER UNIQUE REFERENCES items(id) ON DELETE SET NULL,
      title TEXT NOT NULL,
      link TEXT,
      author TEXT,
      summary TEXT NOT NULL,
      note TEXT,
      source_title TEXT NOT NULL,
      source_url TEXT,
      source_site_url TEXT,
      shared_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS shared_entries_by_date ON shared_entries (shared_at DESC, id DESC);

    -- Only verified subscriptions are stored: a request whose verification fails leaves nothing behind.
    CREATE TABLE IF NOT EXISTS hub_subscriptions (
      id INTEGER PRIMARY KEY,
      topic TEXT NOT NULL,
      callback TEXT NOT NULL,
      secret TEXT,
      lease_seconds INTEGER NOT NULL,
      lease_expires_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      verified_at INTEGER NOT NULL,
      last_delivery_at INTEGER,
      last_delivery_status TEXT,
      last_delivery_ok INTEGER,
      UNIQUE (topic, callback)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS hub_subscriptions_by_expiry ON hub_subscriptions (lease_expires_at);

    -- At most one queued delivery per subscription: a newer version replaces the older one.
    CREATE TABLE IF NOT EXISTS hub_deliveries (
      subscription_id INTEGER PRIMARY KEY REFERENCES hub_subscriptions(id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      queued_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS hub_deliveries_due ON hub_deliveries (next_attempt_at);

    -- External hubs (setting shareHubUrls): the ping owed (topic not NULL) and the last answer.
    CREATE TABLE IF NOT EXISTS hub_publish_pings (
      hub_url TEXT PRIMARY KEY,
      topic TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER,
      last_ping_at INTEGER,
      last_answer TEXT,
      last_ok INTEGER
    ) STRICT;
  `);
}
