import type { Db } from '../db/open-db';
import type { Log } from '../context';
import type { InboxRepo, InboxRow, NewPing, WebSubFeedsRepo } from './subscriptions-repo';
import { isPassingDbError, shortBusyWait } from './passing-errors';

export interface Inbox {
  /**
   * Stores a ping durably; resolves once its row is committed, which is when
   * the hub may be told 2xx. Pings that arrive in the same turn of the event
   * loop share one commit (group commit: PERFORMANCE.md), each still
   * acknowledged only after that commit.
   *
   * The one exception is a database busy for a reason that will pass (another
   * process holding the write lock): the ping is then held in memory,
   * acknowledged, and written as soon as the database lets us, because a hub
   * told 5xx retries or, like websub.rocks and WordPress.com's hub, drops the
   * subscription. Past `maxHeldBytes` only the feed is remembered, and fetched
   * once the database is back: nothing the topic still holds is lost.
   */
  store(ping: NewPing): Promise<void>;
  /** Merges what is in the inbox, including pings left by a previous run (called at start). */
  drain(): void;
  /** Resolves when nothing is waiting to be merged (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface InboxDeps {
  db: Db;
  inbox: InboxRepo;
  feeds: WebSubFeedsRepo;
  log: Log;
  /** Parses a ping's body (async, outside any transaction). Throws when it is not a feed. */
  parse(row: InboxRow): Promise<unknown>;
  /** Merges the parsed pings of one feed (newest first), inside the batch's transaction. */
  merge(feedId: number, parsed: unknown[]): void;
  /** A ping that could not be read (a thin ping, an HTML page): the feed is fetched instead. */
  unreadable(feedId: number): void;
}

const batchSize = 256;
/** Pings this close together make a storm: merging then yields to acknowledgements. */
const stormPauseMs = 25;
/** A merge batch during a storm: short, so no acknowledgement waits long behind it. */
const stormBatchSize = 8;
/** Past this many waiting pings the inbox is merged at full speed whatever arrives. */
const maxBacklog = 50_000;
/**
 * A merge batch at full speed while pings still arrive: small enough that an
 * acknowledgement never waits behind a long one (256 parses block for ~60 ms).
 */
const backlogBatchSize = 32;
/** How long a ping's write may wait for a locked database before it is held in memory instead. */
const busyWaitMs = 250;
/** Bodies held in memory while the database is busy; beyond, the feed is fetched later instead. */
const maxHeldBytes = 64 * 1024 * 1024;
const heldRetryMs = 500;
const maxHeldRetryMs = 5000;

export function createInbox(deps: InboxDeps): Inbox {
  const { db, inbox, feeds, log } = deps;
  let queue: Array<{ ping: NewPing; resolve(): void; reject(error: unknown): void }> = [];
  let flushScheduled = false;
  let working: Promise<void> | null = null;
  let closed = false;
  let lastStoreAt = 0;
  let backlog = 0;

  const insertBatch = db.transaction((pings: NewPing[]) => {
    const latest = new Map<number, number>();
    for (const ping of pings) {
      inbox.insert(ping);
      latest.set(ping.feedId, Math.max(latest.get(ping.feedId) ?? 0, ping.receivedAt));
    }
    for (const [feedId, at] of latest) feeds.pinged(feedId, at);
  });

  // Pings acknowledged while the database was busy, still to be written (in order, before any newer one).
  let held: NewPing[] = [];
  let heldBytes = 0;
  const overflow = new Set<number>();
  let heldTimer: ReturnType<typeof setTimeout> | null = null;
  let heldRetry = heldRetryMs;
  const briefly = shortBusyWait(db, busyWaitMs);

  function hold(pings: NewPing[]) {
    for (const ping of pings) {
      if (heldBytes + ping.body.length <= maxHeldBytes) {
        held.push(ping);
        heldBytes += ping.body.length;
      } else overflow.add(ping.feedId);
    }
    heldTimer ??= setTimeout(() => {
      heldTimer = null;
      flush();
    }, heldRetry);
    heldRetry = Math.min(heldRetry * 2, maxHeldRetryMs);
  }

  function flush() {
    flushScheduled = false;
    const batch = queue;
    queue = [];
    const pings = [...held, ...batch.map((entry) => entry.ping)];
    if (pings.length === 0 && overflow.size === 0) return;
    try {
      if (pings.length > 0) briefly(() => insertBatch(pings));
    } catch (error) {
      if (!isPassingDbError(error) || closed) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      held = [];
      heldBytes = 0;
      hold(pings);
      for (const entry of batch) entry.resolve();
      return;
    }
    if (held.length > 0 || overflow.size > 0) log(`the database took ${held.length} held WebSub pings`);
    held = [];
    heldBytes = 0;
    heldRetry = heldRetryMs;
    backlog += pings.length;
    lastStoreAt = performance.now();
    for (const entry of batch) entry.resolve();
    for (const feedId of overflow) deps.unreadable(feedId);
    overflow.clear();
    drain();
  }

  // Merges and inbox deletions commit together, so a crash in between replays
  // the ping, which adds nothing twice (items are upserted by key).
  // One merge per feed per batch: the pings of a storm share one upsert and one announcement.
  const mergeBatch = db.transaction((parsed: Array<{ row: InboxRow; value: unknown }>, dropped: InboxRow[]) => {
    const byFeed = new Map<number, unknown[]>();
    // Newest first, so an entry delivered twice keeps its latest text.
    for (const { row, value } of [...parsed].reverse()) {
      const list = byFeed.get(row.feed_id) ?? [];
      list.push(value);
      byFeed.set(row.feed_id, list);
    }
    for (const [feedId, values] of byFeed) {
      try {
        deps.merge(feedId, values);
      } catch (error) {
        log(`pings for feed ${feedId} could not be merged`, error);
      }
    }
    for (const { row } of parsed) inbox.remove(row.id);
    for (const row of dropped) inbox.remove(row.id);
  });

  async function work(): Promise<void> {
    while (!closed) {
      // Acknowledgements come first: while pings keep arriving, merging takes
      // small batches and at most a fifth of the time (a ping is safe once
      // stored), unless the backlog grows too long.
      const arriving = () => performance.now() - lastStoreAt < stormPauseMs;
      const storming = () => arriving() && backlog < maxBacklog;
      const rows = inbox.oldest(storming() ? stormBatchSize : arriving() ? backlogBatchSize : batchSize);
      if (rows.length === 0) return;
      const started = performance.now();
      const parsed: Array<{ row: InboxRow; value: unknown }> = [];
      const dropped: InboxRow[] = [];
      for (const row of rows) {
        try {
          parsed.push({ row, value: await deps.parse(row) });
        } catch {
          dropped.push(row);
        }
      }
      if (closed) return;
      briefly(() => mergeBatch(parsed, dropped));
      backlog = Math.max(0, backlog - rows.length);
      for (const feedId of new Set(dropped.map((row) => row.feed_id))) deps.unreadable(feedId);
      const spent = performance.now() - started;
      await new Promise<void>((resolve) =>
        storming() ? setTimeout(resolve, Math.max(stormPauseMs, spent * 4)) : setImmediate(resolve),
      );
    }
  }

  function drain() {
    if (working || closed) return;
    let busy = false;
    working = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => {
        // A busy database only delays merging: the pings are safe in the inbox.
        if (isPassingDbError(error)) busy = true;
        else log('the WebSub inbox stopped', error);
      })
      .finally(() => {
        working = null;
        if (closed) return;
        if (busy) setTimeout(drain, heldRetryMs);
        else if (inbox.count() > 0) drain();
      });
  }

  return {
    store(ping) {
      if (closed) return Promise.reject(new Error('Tidings is shutting down'));
      return new Promise<void>((resolve, reject) => {
        queue.push({ ping, resolve, reject });
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
      });
    },
    drain,
    async idle() {
      while (working || queue.length > 0 || flushScheduled || held.length > 0 || overflow.size > 0) {
        if (working) await working;
        else await new Promise<void>((resolve) => setTimeout(resolve, held.length > 0 ? 20 : 0));
      }
    },
    async close() {
      if (flushScheduled || held.length > 0) flush();
      if (heldTimer) clearTimeout(heldTimer);
      closed = true;
      await working;
    },
  };
}
