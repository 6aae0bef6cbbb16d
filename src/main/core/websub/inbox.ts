import type { Db } from '../db/open-db';
import type { Log } from '../context';
import type { InboxRepo, InboxRow, NewPing, WebSubFeedsRepo } from './subscriptions-repo';

export interface Inbox {
  /**
   * Stores a ping durably; resolves once its row is committed, which is when
   * the hub may be told 2xx. Pings that arrive in the same turn of the event
   * loop share one commit (group commit: PERFORMANCE.md), each still
   * acknowledged only after that commit.
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
  /** Merges a parsed ping, inside the batch's transaction. */
  merge(row: InboxRow, parsed: unknown): void;
  /** A ping that could not be read (a thin ping, an HTML page): the feed is fetched instead. */
  unreadable(feedId: number): void;
}

const batchSize = 64;

export function createInbox(deps: InboxDeps): Inbox {
  const { db, inbox, feeds, log } = deps;
  let queue: Array<{ ping: NewPing; resolve(): void; reject(error: unknown): void }> = [];
  let flushScheduled = false;
  let working: Promise<void> | null = null;
  let closed = false;

  const insertBatch = db.transaction((pings: NewPing[]) => {
    for (const ping of pings) {
      inbox.insert(ping);
      feeds.pinged(ping.feedId, ping.receivedAt);
    }
  });

  function flush() {
    flushScheduled = false;
    const batch = queue;
    queue = [];
    try {
      insertBatch(batch.map((entry) => entry.ping));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    for (const entry of batch) entry.resolve();
    drain();
  }

  // Merges and inbox deletions commit together, so a crash in between replays
  // the ping, which adds nothing twice (items are upserted by key).
  const mergeBatch = db.transaction((parsed: Array<{ row: InboxRow; value: unknown }>, dropped: InboxRow[]) => {
    for (const { row, value } of parsed) {
      try {
        deps.merge(row, value);
      } catch (error) {
        log(`a ping for feed ${row.feed_id} could not be merged`, error);
      }
      inbox.remove(row.id);
    }
    for (const row of dropped) inbox.remove(row.id);
  });

  async function work(): Promise<void> {
    while (!closed) {
      const rows = inbox.oldest(batchSize);
      if (rows.length === 0) return;
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
      mergeBatch(parsed, dropped);
      for (const feedId of new Set(dropped.map((row) => row.feed_id))) deps.unreadable(feedId);
      // Let waiting acknowledgements through between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  function drain() {
    if (working || closed) return;
    working = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => log('the WebSub inbox stopped', error))
      .finally(() => {
        working = null;
        if (!closed && inbox.count() > 0) drain();
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
      while (working || queue.length > 0 || flushScheduled) {
        await (working ?? new Promise<void>((resolve) => setImmediate(resolve)));
      }
    },
    async close() {
      if (flushScheduled) flush();
      closed = true;
      await working;
    },
  };
}
