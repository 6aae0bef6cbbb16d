import type Database from 'better-sqlite3';

/**
 * WebSub: what discovery found per feed, the subscriptions made at hubs, and
 * the inbox where an acknowledged ping waits until it is parsed and merged.
 */
export function websub(db: Database.Database): void {
  db.exec(`
    -- One row per feed once discovery ran: its hub (NULL: none advertised) and topic.
    -- Ping and rejected-signature counts live here so they survive new callbacks.
    CREATE TABLE websub_feeds (
      feed_id INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,
      hub_url TEXT,
      topic TEXT NOT NULL,
      discovered_at INTEGER NOT NULL,
      last_ping_at INTEGER,
      rejected_signatures INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    -- A subscription outlives its feed (feed_id becomes NULL) until the hub has
    -- confirmed the unsubscribe: its callback must still answer that verification.
    CREATE TABLE websub_subscriptions (
      id INTEGER PRIMARY KEY,
      callback_id TEXT NOT NULL UNIQUE,
      feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
      -- Where requests go (a 308's target once one was seen) and what the feed advertised.
      hub_url TEXT NOT NULL,
      advertised_hub TEXT NOT NULL,
      topic TEXT NOT NULL,
      base_url TEXT NOT NULL,
      secret TEXT,
      state TEXT NOT NULL CHECK (state IN ('pending', 'active', 'error', 'denied', 'retired', 'unsubscribing')),
      pending_mode TEXT CHECK (pending_mode IN ('subscribe', 'unsubscribe')),
      pending_since INTEGER,
      lease_seconds INTEGER,
      lease_expires_at INTEGER,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER,
      reason TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX websub_subscriptions_by_feed ON websub_subscriptions (feed_id);

    -- Written before a ping is acknowledged, deleted once merged: replayed at start.
    CREATE TABLE websub_inbox (
      id INTEGER PRIMARY KEY,
      feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
      subscription_id INTEGER NOT NULL,
      content_type TEXT,
      body BLOB NOT NULL,
      received_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX websub_inbox_by_feed ON websub_inbox (feed_id);
  `);
}
