import { oncePerTurn } from '../next-turn';

/**
 * Runs tasks with at most `total` at once and at most `perHost` per host. A
 * busy host never holds up the others: hosts with work waiting take turns,
 * so picking the next task is one step whatever the queue's length (a naive
 * scan of one queue costs O(n) per task when one host has thousands of feeds).
 * A finished task frees its slot at once; the next task starts on the next
 * turn of the event loop, so a run of instant failures never holds the loop.
 */
export interface HostLimiter {
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  active(): number;
}

export function createHostLimiter(limits: { total: number; perHost: number }): HostLimiter {
  const queues = new Map<string, Array<() => void>>();
  const runningPerHost = new Map<string, number>();
  // Hosts with queued work and a free slot, in turn order (a Set keeps insertion order).
  const ready = new Set<string>();
  let running = 0;

  const markReady = (host: string) => {
    if (queues.has(host) && (runningPerHost.get(host) ?? 0) < limits.perHost) ready.add(host);
  };

  const pump = () => {
    while (running < limits.total && ready.size > 0) {
      const host = ready.values().next().value!;
      ready.delete(host);
      const queue = queues.get(host)!;
      const start = queue.shift()!;
      if (queue.length === 0) queues.delete(host);
      running++;
      runningPerHost.set(host, (runningPerHost.get(host) ?? 0) + 1);
      markReady(host); // to the back of the line: the other hosts go first
      start();
    }
  };

  const finished = (host: string) => {
    running--;
    const left = (runningPerHost.get(host) ?? 1) - 1;
    if (left === 0) runningPerHost.delete(host);
    else runningPerHost.set(host, left);
    markReady(host);
    pumpSoon();
  };
  // The next tasks start on a later turn, one pump per turn: tasks that fail at once (every feed of a
  // big library when the machine is offline, or on a refused port) would otherwise chain each start
  // to the last failure in one run of callbacks (Refresh all of 20,000 such feeds: a 3.5 s block).
  const pumpSoon = oncePerTurn(() => pump());

  return {
    active: () => running,
    run(host, task) {
      return new Promise((resolve, reject) => {
        const start = () =>
          void task()
            .then(resolve, reject)
            .finally(() => finished(host));
        const queue = queues.get(host);
        if (queue) queue.push(start);
        else queues.set(host, [start]);
        markReady(host);
        pump();
      });
    },
  };
}
