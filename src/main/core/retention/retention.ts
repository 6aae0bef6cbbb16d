import type { Clock } from '../clock';
import type { Log } from '../context';
import type { Db } from '../db/open-db';
import { createRetentionRepo } from '../db/retention-repo';
import { nextTurn } from '../next-turn';

const dayMs = 24 * 60 * 60_000;

export interface RetentionDeps {
  db: Db;
  clock: Clock;
  log: Log;
  /** Days to keep read, unstarred items; null keeps everything. */
  keepReadDays(): number | null;
  /** Items deleted per transaction: small, so a UI call waits at most one batch. */
  batchSize?: number;
  /** Between two cleanups. */
  intervalMs?: number;
  /** After start, so the first screen is never slowed by a cleanup. */
  startDelayMs?: number;
  /** Lets the event loop breathe between batches (a setImmediate by default). */
  yieldBetweenBatches?: () => Promise<void>;
}

export interface Retention {
  /** Runs one full cleanup now (or joins the one under way); resolves with how many items went. */
  runNow(): Promise<number>;
  /** Schedules cleanups; returns the stop (a cleanup under way ends after its current batch). */
  start(): () => void;
  /** Waits for a cleanup under way. */
  settle(): Promise<void>;
}

/**
 * Retention: read items that are not starred are deleted once they are older
 * than the setting allows (by their date and by when we first saw them).
 * Unread and starred items are never deleted. The work is split into small
 * transactions with a yield between them, so the UI's calls interleave with it.
 */
export function createRetention(deps: RetentionDeps): Retention {
  const repo = createRetentionRepo(deps.db);
  const batchSize = deps.batchSize ?? 500;
  const breathe = deps.yieldBetweenBatches ?? nextTurn;
  let running: Promise<number> | null = null;
  let stopped = false;

  async function cleanup(): Promise<number> {
    const days = deps.keepReadDays();
    if (days === null) return 0;
    const now = deps.clock.now();
    const cutoff = now - days * dayMs;
    let total = 0;
    for (;;) {
      const pruned = repo.pruneBatch(cutoff, batchSize, now);
      total += pruned;
      if (pruned < batchSize || stopped) break;
      await breathe();
    }
    // A pruned key no fetch has listed for as long as items are kept has left its feed for good.
    repo.forgetTombstones(now - Math.max(days, 30) * dayMs);
    return total;
  }

  function runNow(): Promise<number> {
    running ??= cleanup().finally(() => (running = null));
    return running;
  }

  return {
    runNow,
    async settle() {
      await running?.catch(() => 0);
    },
    start() {
      stopped = false;
      let timer: { cancel(): void } | null = null;
      const schedule = (ms: number) => {
        timer = deps.clock.setTimeout(() => {
          runNow()
            .catch((error: unknown) => deps.log('retention cleanup failed', error))
            .finally(() => !stopped && schedule(deps.intervalMs ?? 6 * 60 * 60_000));
        }, ms);
      };
      schedule(deps.startDelayMs ?? 60_000);
      return () => {
        stopped = true;
        timer?.cancel();
      };
    },
  };
}
