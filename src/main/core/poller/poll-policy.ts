/**
 * When to poll a feed next: pure, so the rules are tested without time passing.
 *
 * The interval follows how often the feed really changes: each poll that
 * finds new items sets it to half the (smoothed) time between such polls, and
 * each poll that finds nothing stretches it by a quarter. It stays within the
 * user's bounds, and never below what the publisher asked for (Cache-Control
 * max-age, RSS ttl, sy:updatePeriod). Errors back off exponentially;
 * 429/503 wait at least Retry-After; 410 stops polling.
 */

export interface PollBounds {
  defaultMs: number;
  minMs: number;
  maxMs: number;
  /** Push-live feeds are only polled this often (a missed ping's safety net). */
  safetyMs: number;
}

export interface ScheduleState {
  intervalMs: number;
  failures: number;
  lastNewAt: number | null;
  avgGapMs: number | null;
}

export type PollResult =
  | { kind: 'changed' | 'unchanged' | 'not-modified'; hintMs: number | null }
  | { kind: 'throttled'; retryAfterMs: number | null }
  | { kind: 'failed' }
  | { kind: 'gone' };

export interface Plan extends ScheduleState {
  nextPollAt: number;
  /** No request before this time (a Retry-After), else null. */
  retryAfter: number | null;
  stopped: boolean;
}

/** How far the next poll may move either way, so feeds added together don't fire together. */
export const jitterShare = 0.1;
const stretchUnchanged = 1.25;
const smoothing = 0.3;

export function clampInterval(ms: number, bounds: PollBounds, hintMs: number | null = null): number {
  const floor = Math.min(bounds.maxMs, Math.max(bounds.minMs, hintMs ?? 0));
  return Math.round(Math.min(bounds.maxMs, Math.max(floor, ms)));
}

export function withJitter(ms: number, random: () => number): number {
  return Math.round(ms * (1 + (random() * 2 - 1) * jitterShare));
}

export function planNextPoll(
  state: ScheduleState,
  result: PollResult,
  context: { now: number; bounds: PollBounds; pushLive: boolean; random: () => number },
): Plan {
  const { now, bounds, pushLive, random } = context;
  const failed = (failures: number, delayMs: number, retryAfter: number | null): Plan => ({
    ...state,
    failures,
    nextPollAt: now + delayMs,
    retryAfter,
    stopped: false,
  });

  switch (result.kind) {
    case 'gone':
      return {
        ...state,
        failures: state.failures + 1,
        nextPollAt: now + bounds.maxMs,
        retryAfter: null,
        stopped: true,
      };
    case 'failed': {
      const failures = state.failures + 1;
      return failed(failures, withJitter(backoffMs(state.intervalMs, failures, bounds), random), null);
    }
    case 'throttled': {
      const failures = state.failures + 1;
      if (result.retryAfterMs === null) {
        return failed(failures, withJitter(backoffMs(state.intervalMs, failures, bounds), random), null);
      }
      // Never earlier than the server asked; a little later so many clients don't return at once.
      const wait = Math.max(result.retryAfterMs, bounds.minMs);
      return failed(failures, wait + Math.round(random() * jitterShare * wait), now + result.retryAfterMs);
    }
    default: {
      let { avgGapMs, lastNewAt, intervalMs } = state;
      if (result.kind === 'changed') {
        if (lastNewAt !== null) {
          const gap = now - lastNewAt;
          avgGapMs = avgGapMs === null ? gap : Math.round((1 - smoothing) * avgGapMs + smoothing * gap);
        }
        lastNewAt = now;
        intervalMs = avgGapMs === null ? intervalMs : avgGapMs / 2;
      } else {
        intervalMs = intervalMs * stretchUnchanged;
      }
      intervalMs = clampInterval(intervalMs, bounds, result.hintMs);
      const delay = pushLive ? bounds.safetyMs : intervalMs;
      return {
        intervalMs,
        failures: 0,
        lastNewAt,
        avgGapMs,
        nextPollAt: now + withJitter(delay, random),
        retryAfter: null,
        stopped: false,
      };
    }
  }
}

/** The delay after the n-th failure in a row: doubling from the feed's interval, up to the maximum. */
export function backoffMs(intervalMs: number, failures: number, bounds: PollBounds): number {
  const base = Math.max(bounds.minMs, intervalMs);
  return Math.min(bounds.maxMs, base * 2 ** Math.min(failures, 20));
}
