import type { Clock } from '../../src/main/core/clock';

export interface ManualClock extends Clock {
  /** Moves time forward, firing every timer that falls due on the way (and letting their async work start). */
  advance(ms: number): Promise<void>;
  /** Moves time forward at once, as a computer waking from sleep sees it: due timers then fire late. */
  sleep(ms: number): Promise<void>;
}

/** A clock tests drive by hand: schedules run in simulated time, never in real time. */
export function createManualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let now = start;
  const timers = new Set<{ at: number; fn: () => void }>();
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const timer = { at: now + Math.max(0, ms), fn };
      timers.add(timer);
      return { cancel: () => void timers.delete(timer) };
    },
    async advance(ms) {
      const target = now + ms;
      await flush();
      for (;;) {
        let next: { at: number; fn: () => void } | null = null;
        for (const timer of timers) if (timer.at <= target && (!next || timer.at < next.at)) next = timer;
        if (!next) break;
        timers.delete(next);
        now = next.at;
        next.fn();
        await flush();
      }
      now = target;
    },
    async sleep(ms) {
      now += ms;
      await flush();
      for (const timer of [...timers].sort((a, b) => a.at - b.at)) {
        if (timer.at > now) continue;
        timers.delete(timer);
        timer.fn();
        await flush();
      }
    },
  };
}
