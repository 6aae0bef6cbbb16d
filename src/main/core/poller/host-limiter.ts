/**
 * Runs tasks with at most `total` at once and at most `perHost` per host, in
 * the order they were queued (a busy host never holds up the others).
 */
export interface HostLimiter {
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
  /** Tasks running now (for tests and the benchmark). */
  active(): number;
}

interface Queued {
  host: string;
  start(): void;
}

export function createHostLimiter(limits: { total: number; perHost: number }): HostLimiter {
  const queue: Queued[] = [];
  const perHost = new Map<string, number>();
  let running = 0;

  const pump = () => {
    for (let i = 0; i < queue.length && running < limits.total;) {
      const next = queue[i]!;
      if ((perHost.get(next.host) ?? 0) >= limits.perHost) {
        i++;
        continue;
      }
      queue.splice(i, 1);
      running++;
      perHost.set(next.host, (perHost.get(next.host) ?? 0) + 1);
      next.start();
    }
  };

  return {
    active: () => running,
    run(host, task) {
      return new Promise((resolve, reject) => {
        queue.push({
          host,
          start: () => {
            task()
              .then(resolve, reject)
              .finally(() => {
                running--;
                const left = (perHost.get(host) ?? 1) - 1;
                if (left === 0) perHost.delete(host);
                else perHost.set(host, left);
                pump();
              });
          },
        });
        pump();
      });
    },
  };
}
