import type { Clock } from '../clock';
import type { Log } from '../context';
import type { Db } from '../db/open-db';

/**
 * A database error that will pass on its own: another connection (a second
 * process, a backup tool) holds the write lock for longer than busy_timeout.
 * A hub must never hear about such a reason of ours as a 5xx (it would retry,
 * or, like WordPress.com's hub and websub.rocks, drop the subscription).
 */
export function isPassingDbError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

export interface DeferredWrites {
  /** Runs the write now; if the database is busy, again later (in order) until it goes through. */
  run(write: () => void): void;
  /** Writes still waiting for the database. */
  waiting(): number;
  close(): void;
}

/**
 * Writes whose outcome the hub has already been told (a verification echoed):
 * they must happen, so a busy database only delays them. Other errors are
 * real ones and are logged, not retried.
 */
export function createDeferredWrites(
  clock: Clock,
  log: Log,
  attempt: (write: () => void) => void = (write) => write(),
  firstRetryMs = 200,
  maxRetryMs = 5000,
): DeferredWrites {
  const queue: Array<() => void> = [];
  let timer: { cancel(): void } | null = null;
  let delay = firstRetryMs;

  function flush() {
    timer = null;
    while (queue.length > 0) {
      try {
        attempt(queue[0]!);
      } catch (error) {
        if (isPassingDbError(error)) {
          delay = Math.min(delay * 2, maxRetryMs);
          timer = clock.setTimeout(flush, delay);
          return;
        }
        log('a WebSub state change could not be written', error);
      }
      queue.shift();
    }
    delay = firstRetryMs;
  }

  return {
    run(write) {
      queue.push(write);
      if (queue.length === 1 && timer === null) flush();
    },
    waiting: () => queue.length,
    close() {
      timer?.cancel();
      timer = null;
    },
  };
}

/**
 * Runs writes with a short busy wait instead of the connection's usual one
 * (busy_timeout blocks the whole thread, up to 5 s): a hub waits for our
 * answer, and a busy database is better met by holding the write and
 * answering at once than by making the hub time out.
 */
export function shortBusyWait(db: Db, ms: number): <T>(write: () => T) => T {
  const usual = Number(db.pragma('busy_timeout', { simple: true })) || 0;
  return (write) => {
    db.pragma(`busy_timeout = ${ms}`);
    try {
      return write();
    } finally {
      db.pragma(`busy_timeout = ${usual}`);
    }
  };
}
