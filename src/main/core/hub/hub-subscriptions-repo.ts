import type { Db } from '../db/open-db';

export interface HubSubscriptionRow {
  id: number;
  topic: string;
  callback: string;
  secret: string | null;
  lease_seconds: number;
  lease_expires_at: number;
  created_at: number;
  verified_at: number;
  last_delivery_at: number | null;
  last_delivery_status: string | null;
  last_delivery_ok: number | null;
}

export interface QueuedDeliveryRow {
  subscription_id: number;
  version: number;
  attempts: number;
  next_attempt_at: number;
}

export interface DueDelivery extends QueuedDeliveryRow {
  topic: string;
  callback: string;
  secret: string | null;
  lease_expires_at: number;
}

export interface SubscriberRow extends HubSubscriptionRow {
  queued_attempts: number | null;
  next_attempt_at: number | null;
}

export interface VerifiedSubscription {
  topic: string;
  callback: string;
  secret: string | null;
  leaseSeconds: number;
  leaseExpiresAt: number;
  verifiedAt: number;
}

/** The hub's verified subscriptions and the delivery queue (one queued delivery per subscription at most). */
export type HubSubscriptionsRepo = ReturnType<typeof createHubSubscriptionsRepo>;

export function createHubSubscriptionsRepo(db: Db) {
  const get = db.prepare<[string, string], HubSubscriptionRow>(
    'SELECT * FROM hub_subscriptions WHERE topic = ? AND callback = ?',
  );
  const upsert = db.prepare<[string, string, string | null, number, number, number, number]>(
    `INSERT INTO hub_subscriptions (topic, callback, secret, lease_seconds, lease_expires_at, created_at, verified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (topic, callback) DO UPDATE SET secret = excluded.secret, lease_seconds = excluded.lease_seconds,
       lease_expires_at = excluded.lease_expires_at, verified_at = excluded.verified_at`,
  );
  const remove = db.prepare<[string, string]>('DELETE FROM hub_subscriptions WHERE topic = ? AND callback = ?');
  const removeById = db.prepare<[number]>('DELETE FROM hub_subscriptions WHERE id = ?');
  const countLive = db.prepare<[number], { n: number }>(
    'SELECT COUNT(*) AS n FROM hub_subscriptions WHERE lease_expires_at > ?',
  );
  const knownTopic = db.prepare<[string], { one: number }>(
    'SELECT 1 AS one FROM hub_subscriptions WHERE topic = ? LIMIT 1',
  );
  const list = db.prepare<[], SubscriberRow>(
    `SELECT s.*, d.attempts AS queued_attempts, d.next_attempt_at AS next_attempt_at
     FROM hub_subscriptions s LEFT JOIN hub_deliveries d ON d.subscription_id = s.id
     ORDER BY s.created_at, s.id`,
  );
  const queueLive = db.prepare<[number, number, number, number]>(
    `INSERT INTO hub_deliveries (subscription_id, version, attempts, next_attempt_at, queued_at)
     SELECT id, ?, 0, ?, ? FROM hub_subscriptions WHERE lease_expires_at > ?
     ON CONFLICT (subscription_id) DO UPDATE SET version = excluded.version, attempts = 0,
       next_attempt_at = excluded.next_attempt_at, queued_at = excluded.queued_at`,
  );
  const due = db.prepare<[number, number], DueDelivery>(
    `SELECT d.subscription_id, d.version, d.attempts, d.next_attempt_at, s.topic, s.callback, s.secret, s.lease_expires_at
     FROM hub_deliveries d JOIN hub_subscriptions s ON s.id = d.subscription_id
     WHERE d.next_attempt_at <= ? ORDER BY d.next_attempt_at LIMIT ?`,
  );
  const nextDue = db.prepare<[], { at: number | null }>('SELECT MIN(next_attempt_at) AS at FROM hub_deliveries');
  const dequeue = db.prepare<[number, number]>('DELETE FROM hub_deliveries WHERE subscription_id = ? AND version = ?');
  const reschedule = db.prepare<[number, number, number, number]>(
    'UPDATE hub_deliveries SET attempts = ?, next_attempt_at = ? WHERE subscription_id = ? AND version = ?',
  );
  const recordDelivery = db.prepare<[number, string, number, number]>(
    'UPDATE hub_subscriptions SET last_delivery_at = ?, last_delivery_status = ?, last_delivery_ok = ? WHERE id = ?',
  );
  const dropLapsed = db.prepare<[number]>(
    'DELETE FROM hub_deliveries WHERE subscription_id IN (SELECT id FROM hub_subscriptions WHERE lease_expires_at <= ?)',
  );
  const purge = db.prepare<[number]>('DELETE FROM hub_subscriptions WHERE lease_expires_at < ?');

  return {
    get: (topic: string, callback: string) => get.get(topic, callback),
    saveVerified(s: VerifiedSubscription): HubSubscriptionRow {
      upsert.run(s.topic, s.callback, s.secret, s.leaseSeconds, s.leaseExpiresAt, s.verifiedAt, s.verifiedAt);
      return get.get(s.topic, s.callback)!;
    },
    remove: (topic: string, callback: string) => remove.run(topic, callback).changes > 0,
    removeById: (id: number) => removeById.run(id).changes > 0,
    countLive: (now: number) => countLive.get(now)!.n,
    isKnownTopic: (topic: string) => knownTopic.get(topic) !== undefined,
    list: () => list.all(),
    /** Queues version `version` for every subscription whose lease runs; replaces what was queued before. */
    queueAll: (version: number, dueAt: number, now: number) => queueLive.run(version, dueAt, now, now).changes,
    due: (now: number, limit: number) => due.all(now, limit),
    nextDueAt: () => nextDue.get()!.at,
    /** Done with the delivery of `version` (a newer one queued meanwhile stays). */
    dequeue: (subscriptionId: number, version: number) => void dequeue.run(subscriptionId, version),
    reschedule: (subscriptionId: number, version: number, attempts: number, at: number) =>
      void reschedule.run(attempts, at, subscriptionId, version),
    recordDelivery: (subscriptionId: number, at: number, status: string, ok: boolean) =>
      void recordDelivery.run(at, status, ok ? 1 : 0, subscriptionId),
    /** Expired subscriptions receive nothing more; long-expired ones go. */
    expire(now: number, purgeBefore: number): number {
      dropLapsed.run(now);
      return purge.run(purgeBefore).changes;
    },
  };
}
