import type { Clock } from '../clock';
import type { Log } from '../context';
import type { Db } from '../db/open-db';
import type { ReadStateRepo } from '../db/read-state-repo';

export interface ReadMarkApplier {
  /** A feed's read mark moved: its items' flags follow after `delayMs`, in the background. */
  schedule(): void;
  stop(): void;
}

/** Flags set per batch: a few milliseconds of writing, then the event loop is free again. */
const batchSize = 500;
/**
 * How long a fresh mark waits before its items follow: an undo within it is a
 * one-row write too, and marking several feeds in a row makes one pass.
 */
export const applyDelayMs = 10_000;

/**
 * Marking read writes one row per feed (migration 010); this brings the items'
 * own flags level with the marks afterwards, so unread lists and retention stop
 * having to step over items a mark covers. Nothing the screen shows changes.
 */
export function createReadMarkApplier(db: Db, repo: ReadStateRepo, clock: Clock, log: Log): ReadMarkApplier {
  const applyBatch = db.transaction((feedId: number, mark: number) => repo.applyMark(feedId, mark, batchSize));
  let timer: { cancel(): void } | null = null;
  let running = false;
  let stopped = false;

  function work() {
    if (stopped) return;
    const [next] = repo.pendingMarks();
    if (!next) {
      running = false;
      return;
    }
    try {
      applyBatch(next.feedId, next.mark);
    } catch (error) {
      running = false;
      log('read marks could not be applied (they are retried at the next start)', error);
      return;
    }
    setImmediate(work);
  }

  return {
    schedule() {
      if (stopped) return;
      timer?.cancel();
      timer = clock.setTimeout(() => {
        timer = null;
        if (running) return;
        running = true;
        work();
      }, applyDelayMs);
    },
    stop() {
      stopped = true;
      timer?.cancel();
    },
  };
}
