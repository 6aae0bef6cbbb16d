import { oncePerTurn } from '../next-turn';

export interface QueueLimits {
  overall: number;
  perHost: number;
}

export interface FetchQueue {
  /** Resolves when every task has finished (or the queue was stopped and the running ones ended). */
  done: Promise<void>;
  /** Starts no new task; the running ones finish. */
  stop(): void;
}

/**
 * Runs `work` over tasks with at most `overall` at once and at most `perHost`
 * against any one host, so a file with hundreds of feeds from one site never
 * hammers it. Tasks wait in one queue per host (file order within a host), so
 * picking the next task costs one step per host, not per task. `work` must
 * not throw (it reports its own failures). The next tasks start on a later
 * turn of the event loop, one pump per turn: feeds that fail at once (a
 * refused port, a bad address) would otherwise chain every failure of a
 * 20,000-feed file into one run of callbacks and hold the loop for seconds.
 */
export function runFetchQueue<T>(
  tasks: readonly T[],
  hostOf: (task: T) => string,
  work: (task: T) => Promise<void>,
  limits: QueueLimits,
): FetchQueue {
  const waiting = new Map<string, { queue: T[]; active: number }>();
  for (const task of tasks) {
    const host = hostOf(task);
    let entry = waiting.get(host);
    if (!entry) waiting.set(host, (entry = { queue: [], active: 0 }));
    entry.queue.push(task);
  }
  let active = 0;
  let stopped = false;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));

  const pump = () => {
    for (const [host, entry] of waiting) {
      if (active >= limits.overall || stopped) break;
      while (entry.queue.length > 0 && entry.active < limits.perHost && active < limits.overall) {
        const task = entry.queue.shift()!;
        entry.active++;
        active++;
        void work(task).finally(() => {
          entry.active--;
          active--;
          if (entry.queue.length === 0 && entry.active === 0) waiting.delete(host);
          pumpSoon();
        });
      }
    }
    if (active === 0 && (stopped || waiting.size === 0)) finish();
  };
  // One pump per turn, however many tasks finished in it. One per finished task doubled each turn when
  // tasks fail at once: each pump started as many tasks as were free, each of those queued a pump of its
  // own, and by the end of a 20,000-feed file one turn ran ~8,000 failures (an 830 ms block).
  const pumpSoon = oncePerTurn(() => pump());
  queueMicrotask(pump);

  return {
    done,
    stop() {
      stopped = true;
      if (active === 0) finish();
    },
  };
}
