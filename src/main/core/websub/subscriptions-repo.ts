import type { Db } from '../db/open-db';

export type SubscriptionState = 'pending' | 'active' | 'error' | 'denied' | 'retired' | 'unsubscribing';
export type HubMode = 'subscribe' | 'unsubscribe';

export interface SubscriptionRow {
  id: number;
  callback_id: string;
  feed_id: number | null;
  hub_url: string;
  advertised_hub: string;
  topic: string;
  base_url: string;
  secret: string | null;
  state: SubscriptionState;
  pending_mode: HubMode | null;
  pending_since: number | null;
  lease_seconds: number | null;
  lease_expires_at: number | null;
  attempts: number;
  next_attempt_at: number | null;
  reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface NewSubscription {
  callbackId: string;
  feedId: number;
  hubUrl: string;
  advertisedHub: string;
  topic: string;
  baseUrl: string;
  secret: string | null;
  now: number;
}

export type SubscriptionsRepo = ReturnType<typeof createSubscriptionsRepo>;

/** Every SQL statement about subscriptions at hubs. */
export function createSubscriptionsRepo(db: Db) {
  const insert = db.prepare<[string, number, string, string, string, string, string | null, number, number, number]>(
    `INSERT INTO websub_subscriptions (callback_id, feed_id, hub_url, advertised_hub, topic, base_url, secret,
       state, pending_mode, pending_since, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 'subscribe', ?, ?, ?)`,
  );
  const byId = db.prepare<[number], SubscriptionRow>('SELECT * FROM websub_subscriptions WHERE id = ?');
  const byCallback = db.prepare<[string], SubscriptionRow>('SELECT * FROM websub_subscriptions WHERE callback_id = ?');
  const ofFeed = db.prepare<[number], SubscriptionRow>(
    'SELECT * FROM websub_subscriptions WHERE feed_id = ? ORDER BY id DESC',
  );
  const all = db.prepare<[], SubscriptionRow>('SELECT * FROM websub_subscriptions ORDER BY id');
  const remove = db.prepare<[number]>('DELETE FROM websub_subscriptions WHERE id = ?');
  // Every delivery looks its callback up (twice): rows are cached until any write.
  const cache = new Map<string, SubscriptionRow | undefined>();

  // One UPDATE for any subset of columns keeps state changes in one place and one statement each.
  const updates = new Map<string, ReturnType<typeof db.prepare>>();
  function update(
    id: number,
    now: number,
    changes: Partial<Omit<SubscriptionRow, 'id' | 'callback_id' | 'created_at' | 'updated_at'>>,
  ) {
    const columns = Object.keys(changes).sort();
    const shape = columns.join(',');
    let statement = updates.get(shape);
    if (!statement) {
      const sets = [...columns.map((c) => `${c} = @${c}`), 'updated_at = @updated_at_now'];
      statement = db.prepare(`UPDATE websub_subscriptions SET ${sets.join(', ')} WHERE id = @id`);
      updates.set(shape, statement);
    }
    statement.run({ ...changes, id, updated_at_now: now });
    cache.clear();
  }

  return {
    insert(s: NewSubscription): number {
      const info = insert.run(
        s.callbackId,
        s.feedId,
        s.hubUrl,
        s.advertisedHub,
        s.topic,
        s.baseUrl,
        s.secret,
        s.now,
        s.now,
        s.now,
      );
      cache.clear();
      return Number(info.lastInsertRowid);
    },
    get: (id: number): SubscriptionRow | undefined => byId.get(id),
    byCallback(callbackId: string): SubscriptionRow | undefined {
      if (!cache.has(callbackId)) {
        if (cache.size > 10_000) cache.clear();
        cache.set(callbackId, byCallback.get(callbackId));
      }
      return cache.get(callbackId);
    },
    /** Newest first. */
    ofFeed: (feedId: number): SubscriptionRow[] => ofFeed.all(feedId),
    all: (): SubscriptionRow[] => all.all(),
    update,
    remove(id: number): void {
      remove.run(id);
      cache.clear();
    },
  };
}

export interface WebSubFeedRow {
  feed_id: number;
  hub_url: string | null;
  topic: string;
  discovered_at: number;
  last_ping_at: number | null;
  rejected_signatures: number;
  /** Times a poll found items the live hub never delivered, and Tidings subscribed again. */
  resubscribes: number;
  last_resubscribe_at: number | null;
}

export type WebSubFeedsRepo = ReturnType<typeof createWebSubFeedsRepo>;

/** What discovery found per feed, and its ping counters. */
export function createWebSubFeedsRepo(db: Db) {
  const upsert = db.prepare<[number, string | null, string, number]>(
    `INSERT INTO websub_feeds (feed_id, hub_url, topic, discovered_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (feed_id) DO UPDATE SET hub_url = excluded.hub_url, topic = excluded.topic,
       discovered_at = excluded.discovered_at`,
  );
  const get = db.prepare<[number], WebSubFeedRow>('SELECT * FROM websub_feeds WHERE feed_id = ?');
  const withHub = db.prepare<[], WebSubFeedRow>('SELECT * FROM websub_feeds WHERE hub_url IS NOT NULL');
  const all = db.prepare<[], WebSubFeedRow>('SELECT * FROM websub_feeds');
  const pinged = db.prepare<[number, number]>('UPDATE websub_feeds SET last_ping_at = ? WHERE feed_id = ?');
  const rejected = db.prepare<[number]>(
    'UPDATE websub_feeds SET rejected_signatures = rejected_signatures + 1 WHERE feed_id = ?',
  );
  const resubscribed = db.prepare<[number, number]>(
    'UPDATE websub_feeds SET resubscribes = resubscribes + 1, last_resubscribe_at = ? WHERE feed_id = ?',
  );
  return {
    record: (feedId: number, hub: string | null, topic: string, now: number): void =>
      void upsert.run(feedId, hub, topic, now),
    get: (feedId: number): WebSubFeedRow | undefined => get.get(feedId),
    withHub: (): WebSubFeedRow[] => withHub.all(),
    all: (): WebSubFeedRow[] => all.all(),
    pinged: (feedId: number, now: number): void => void pinged.run(now, feedId),
    rejected: (feedId: number): void => void rejected.run(feedId),
    resubscribed: (feedId: number, now: number): void => void resubscribed.run(now, feedId),
  };
}

export interface InboxRow {
  id: number;
  feed_id: number;
  subscription_id: number;
  content_type: string | null;
  /** Empty when the body was stored in parts (`parts_of`, the upload they belong to). */
  body: Buffer;
  received_at: number;
  parts_of: number | null;
}

export interface NewPing {
  feedId: number;
  subscriptionId: number;
  contentType: string | null;
  body: Buffer;
  receivedAt: number;
  /** The body is already stored as this upload's parts (`body` is then empty). */
  partsOf?: number | null;
}

export type InboxRepo = ReturnType<typeof createInboxRepo>;

/** Pings acknowledged but not yet merged. */
export function createInboxRepo(db: Db) {
  const insert = db.prepare<[number, number, string | null, Buffer, number, number | null]>(
    `INSERT INTO websub_inbox (feed_id, subscription_id, content_type, body, received_at, parts_of)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const oldest = db.prepare<[number], InboxRow>('SELECT * FROM websub_inbox ORDER BY id LIMIT ?');
  const remove = db.prepare<[number]>('DELETE FROM websub_inbox WHERE id = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM websub_inbox');
  const ofFeed = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM websub_inbox WHERE feed_id = ? LIMIT 1');
  const insertPart = db.prepare<[number, number, Buffer]>(
    'INSERT INTO websub_inbox_parts (upload, seq, bytes) VALUES (?, ?, ?)',
  );
  const part = db.prepare<[number, number], { bytes: Buffer }>(
    'SELECT bytes FROM websub_inbox_parts WHERE upload = ? AND seq = ?',
  );
  const dropUpload = db.prepare<[number]>('DELETE FROM websub_inbox_parts WHERE upload = ?');
  const sweep = db.prepare(
    `DELETE FROM websub_inbox_parts
     WHERE upload NOT IN (SELECT parts_of FROM websub_inbox WHERE parts_of IS NOT NULL)`,
  );
  return {
    insert: (p: NewPing): number =>
      Number(
        insert.run(p.feedId, p.subscriptionId, p.contentType, p.body, p.receivedAt, p.partsOf ?? null).lastInsertRowid,
      ),
    oldest: (limit: number): InboxRow[] => oldest.all(limit),
    remove: (id: number): void => void remove.run(id),
    count: (): number => count.get()!.n,
    /** Pings of this feed are stored but not merged yet. */
    holds: (feedId: number): boolean => ofFeed.get(feedId) !== undefined,
    /** One part of a big body, in a transaction of its own (autocommit). */
    insertPart: (upload: number, seq: number, bytes: Buffer): void => void insertPart.run(upload, seq, bytes),
    /** One part of a stored body, or undefined past its last. */
    part: (upload: number, seq: number): Buffer | undefined => part.get(upload, seq)?.bytes,
    /** The parts of an upload whose ping was never stored (refused, or the database failed midway). */
    dropUpload: (upload: number): void => void dropUpload.run(upload),
    /** Parts that belong to no ping: a run stopped while writing them (called at start). */
    sweep: (): number => sweep.run().changes,
  };
}
