export interface QueueLimits {
  overall: number;
  perHost: number;
}

export interface FetchQueue<T> {
  /** Resolves when every task has finished (or the queue was stopped and the running ones ended). */
  done: Promise<void>;
  /** Starts no new task; the running ones finish. */
  stop(): void;
}

/**
 * Runs `work` over tasks with at most `overall` at once and at most `perHost`
 * against any one host, so a file with hundreds of feeds from one site never
 * hammers it. Tasks keep file order where the limits allow. `work` must not
 * throw (it reports its own failures).
 */
export function runFetchQueue<T>(
  tasks: readonly T[],
  hostOf: (task: T) => string,
  work: (task: T) => Promise<void>,
  limits: QueueLimits,
): FetchQueue<T> {
  const waiting = [...tasks];
  const activeByHost = new Map<string, number>();
  let active = 0;
  let stopped = false;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));

  const pump = () => {
    if (stopped) waiting.length = 0;
    for (let i = 0; i < waiting.length && active < limits.overall;) {
      const task = waiting[i]!;
      const host = hostOf(task);
      const onHost = activeByHost.get(host) ?? 0;
      if (onHost >= limits.perHost) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      active++;
      activeByHost.set(host, onHost + 1);
      void work(task).finally(() => {
        active--;
        const left = (activeByHost.get(host) ?? 1) - 1;
        if (left === 0) activeByHost.delete(host);
        else activeByHost.set(host, left);
        pump();
      });
    }
    if (active === 0 && waiting.length === 0) finish();
  };
  queueMicrotask(pump);

  return {
    done,
    stop() {
      stopped = true;
      waiting.length = 0;
      if (active === 0) finish();
    },
  };
}
