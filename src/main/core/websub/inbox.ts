import { randomInt } from 'node:crypto';
import type { Db } from '../db/open-db';
import type { Log } from '../context';
import type { InboxRepo, InboxRow, NewPing, WebSubFeedsRepo } from './subscriptions-repo';
import { isPassingDbError, shortBusyWait } from './passing-errors';
import type { NormalisedItem } from '../feeds/normalise-item';
import { nextTurn } from '../next-turn';

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
  /**
   * Parses pings' bodies, in order (async, outside any transaction): each one's
   * items, newest first, or null for a body that is not a feed (a thin ping).
   */
  parse(rows: readonly InboxRow[]): Promise<Array<readonly NormalisedItem[] | null>>;
  /** Merges one feed's items (newest first) inside the caller's transaction. */
  mergeNow(feedId: number, items: readonly NormalisedItem[]): void;
  /** Merges a list too long for one transaction in chunks of their own; `last` goes in the last one's transaction. */
  mergeLong(feedId: number, items: readonly NormalisedItem[], last: () => void): Promise<void>;
  /** How many items one merge transaction stores in about `ms` (the library learns what an item costs). */
  chunkItems(ms: number): number;
  /** A ping that could not be read (a thin ping, an HTML page): the feed is fetched instead. */
  unreadable(feedId: number): void;
}

/**
 * How long one merge transaction may hold the thread while pings arrive: each
 * turn of the event loop acknowledges what came in, then merges about this
 * much, so a ping is stored within a turn or two of its acknowledgement and
 * no acknowledgement waits long behind a merge.
 */
const arrivingMergeMs = 6;
/** The same when nothing is arriving (a backlog after a crash, a quiet moment). */
const quietMergeMs = 20;
/** Pings this close together count as arriving. */
const arrivingWithinMs = 25;
/** Pings read from the inbox at once, at most. */
const maxBatchRows = 512;
/** How long a ping's write may wait for a locked database before it is held in memory instead. */
const busyWaitMs = 250;
/** Bodies held in memory while the database is busy; beyond, the feed is fetched later instead. */
const maxHeldBytes = 64 * 1024 * 1024;
/**
 * Bodies bigger than this are written in parts of this size, each its own
 * transaction with the loop free between them, before the ping's row: a 9.6 MB
 * body written in one go held the thread 30-90 ms (PERFORMANCE.md's 50 ms).
 */
export const partBytes = 512 * 1024;
const heldRetryMs = 500;
const maxHeldRetryMs = 5000;

const emptyBody = Buffer.alloc(0);

export function createInbox(deps: InboxDeps): Inbox {
  const { db, inbox, feeds, log } = deps;
  try {
    const swept = inbox.sweep();
    if (swept > 0) log(`dropped ${swept} parts of WebSub pings a previous run never finished storing`);
  } catch (error) {
    // A busy database now: the parts wait for the next start, harmless meanwhile.
    if (!isPassingDbError(error)) throw error;
  }
  let queue: Array<{ ping: NewPing; resolve(): void; reject(error: unknown): void }> = [];
  let flushScheduled = false;
  let working: Promise<void> | null = null;
  let closed = false;
  let lastStoreAt = 0;

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
        for (const { partsOf } of pings) if (partsOf != null) forget(partsOf);
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
    lastStoreAt = performance.now();
    for (const entry of batch) entry.resolve();
    for (const feedId of overflow) deps.unreadable(feedId);
    overflow.clear();
    drain();
  }

  function enqueue(ping: NewPing): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      queue.push({ ping, resolve, reject });
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    });
  }

  /**
   * A big body's parts, written before its row (which the group commit adds
   * as for any ping, so the 2xx still waits for it). A database busy for a
   * reason that will pass sends the whole ping the usual way instead (held in
   * memory until it can be written). Parts left by a failure are dropped here,
   * or swept at the next start if the process died.
   */
  async function storeParts(ping: NewPing): Promise<NewPing> {
    const upload = randomInt(1, 2 ** 47);
    try {
      for (let seq = 0, at = 0; at < ping.body.length; seq++, at += partBytes) {
        if (seq > 0) await nextTurn();
        if (closed) throw new Error('Tidings is shutting down');
        briefly(() => inbox.insertPart(upload, seq, ping.body.subarray(at, at + partBytes)));
      }
      return { ...ping, body: emptyBody, partsOf: upload };
    } catch (error) {
      forget(upload);
      if (isPassingDbError(error) && !closed) return ping;
      throw error;
    }
  }

  function forget(upload: number) {
    try {
      inbox.dropUpload(upload);
    } catch {
      // Swept at the next start.
    }
  }

  /** The body of a row stored in parts, read a part per turn. */
  async function loadParts(row: InboxRow): Promise<void> {
    const parts: Buffer[] = [];
    for (let seq = 0; ; seq++) {
      if (seq > 0) await nextTurn();
      const part = inbox.part(row.parts_of!, seq);
      if (!part) break;
      parts.push(part);
    }
    row.body = Buffer.concat(parts);
  }

  // Merges and inbox deletions commit together, so a crash in between replays
  // the ping, which adds nothing twice (items are upserted by key).
  // One merge per feed per batch: the pings of a storm share one upsert and one announcement.
  const mergeBatch = db.transaction(
    (parsed: Array<{ row: InboxRow; items: readonly NormalisedItem[] }>, dropped: InboxRow[]) => {
      const byFeed = new Map<number, NormalisedItem[]>();
      // Newest first, so an entry delivered twice keeps its latest text.
      for (let i = parsed.length - 1; i >= 0; i--) {
        const { row, items } = parsed[i]!;
        const list = byFeed.get(row.feed_id);
        if (list) list.push(...items);
        else byFeed.set(row.feed_id, [...items]);
      }
      for (const [feedId, items] of byFeed) {
        try {
          deps.mergeNow(feedId, items);
        } catch (error) {
          log(`pings for feed ${feedId} could not be merged`, error);
        }
      }
      for (const { row } of parsed) inbox.remove(row.id);
      for (const row of dropped) inbox.remove(row.id);
    },
  );

  // What a ping brings, on average (items): how many rows make one batch.
  let itemsPerPing = 1;

  async function work(): Promise<void> {
    while (!closed) {
      // Acknowledging and storing take turns: every turn of the event loop
      // first acknowledges the pings that came in (flush), then this merges
      // one short batch of the oldest. A storm's pings are stored as fast as
      // they are acknowledged, and none waits behind a long merge.
      const budgetMs = performance.now() - lastStoreAt < arrivingWithinMs ? arrivingMergeMs : quietMergeMs;
      const limit = deps.chunkItems(budgetMs);
      const rows = inbox.oldest(Math.max(1, Math.min(maxBatchRows, Math.floor(limit / itemsPerPing))));
      if (rows.length === 0) return;
      for (const row of rows) if (row.parts_of !== null) await loadParts(row);
      if (closed) return;
      const parsed = await deps.parse(rows);
      if (closed) return;
      let group: Array<{ row: InboxRow; items: readonly NormalisedItem[] }> = [];
      let dropped: InboxRow[] = [];
      let size = 0;
      const commit = () => {
        if (group.length > 0 || dropped.length > 0) briefly(() => mergeBatch(group, dropped));
        for (const feedId of new Set(dropped.map((row) => row.feed_id))) deps.unreadable(feedId);
        group = [];
        dropped = [];
        size = 0;
      };
      let total = 0;
      for (const [i, row] of rows.entries()) {
        const items = parsed[i];
        if (!items) {
          dropped.push(row);
          continue;
        }
        total += items.length;
        if (items.length > limit) {
          // A huge ping (100,000 entries): chunks of its own, the loop free between them.
          commit();
          await deps.mergeLong(row.feed_id, items, () => inbox.remove(row.id));
          if (closed) return;
          continue;
        }
        if (size + items.length > limit && group.length > 0) {
          commit();
          await nextTurn();
          if (closed) return;
        }
        group.push({ row, items });
        size += items.length;
      }
      commit();
      itemsPerPing = Math.max(1, 0.5 * itemsPerPing + (0.5 * total) / rows.length);
      await nextTurn();
    }
  }

  function drain() {
    if (working || closed) return;
    let busy = false;
    working = nextTurn()
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
      // Small pings (nearly all) join this turn's group commit at once; a big body's parts go first.
      return ping.body.length > partBytes ? storeParts(ping).then(enqueue) : enqueue(ping);
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
