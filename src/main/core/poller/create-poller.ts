import type { RefreshProgress, Settings } from '../../../shared/api';
import { AppError } from '../app-error';
import type { Clock } from '../clock';
import type { Log } from '../context';
import type { Db } from '../db/open-db';
import type { EventHub } from '../events';
import type { FetchOutcome } from '../feeds/feed-methods';
import type { Library } from '../library';
import { createHostLimiter } from './host-limiter';
import { maxAgeMs, retryAfterMs, syndicationPeriodMs } from './http-hints';
import { clampInterval, jitterShare, planNextPoll, withJitter, type PollBounds, type PollResult } from './poll-policy';
import { createScheduleRepo } from './schedule-repo';
import { nextTurn } from '../next-turn';

export interface PollerDeps {
  db: Db;
  clock: Clock;
  log: Log;
  events: EventHub;
  library: Library;
  /** One conditional fetch of a stored feed (feed-methods' fetchDetailed): errors are recorded there. */
  fetchFeed(feedId: number): Promise<FetchOutcome>;
  settings(): Settings;
  /** From the WebSub part: a feed that is live by push only gets the rare safety poll. */
  isPushLive?: (feedId: number) => boolean;
  random?: () => number;
  limits?: { total?: number; perHost?: number };
  /**
   * Wait this long before the catch-up poll at start (default 0). The shells
   * pass a few seconds, so a thousand fetches don't compete with the first
   * screen the user is waiting for.
   */
  startDelayMs?: number;
}

/** What a composition root may tune. */
export type PollerOptions = Pick<PollerDeps, 'isPushLive' | 'random' | 'limits' | 'startDelayMs'>;

/** The catch-up delay the Electron shell and the headless host use. */
export const shellStartDelayMs = 3_000;

export interface Poller {
  /** Schedules every feed and polls them all once (the catch-up at start). */
  start(): void;
  stop(): Promise<void>;
  /** A manual "refresh this feed": runs now (no queue), and the schedule learns from it. */
  pollNow(feedId: number): Promise<FetchOutcome>;
  /** Polls every feed (politely), announcing progress; joins a run already under way. */
  refreshAll(): Promise<RefreshProgress>;
  /** Back from sleep: poll everything, because hubs stop retrying after minutes. */
  resume(): Promise<{ polled: number }>;
  /** Polls what is due now and waits for it (the timer calls this; tests may too). */
  pollDue(): Promise<number>;
  /** Waits until nothing is being polled. */
  idle(): Promise<void>;
}

export const defaultPollLimits = { total: 8, perHost: 2 };
/** Polls queued per turn of the event loop (pollAll). */
const queueSlice = 1000;
const minute = 60_000;
// Re-check at least this often, so a clock that jumped (sleep) never makes us oversleep for long.
const maxTimerMs = 15 * minute;
const sleepGapMs = 2 * minute;
const progressEveryMs = 200;

/**
 * The polling fallback: a per-feed schedule in the database, polled through
 * one queue with total and per-host limits, the next time planned by
 * poll-policy.ts from what each response said.
 */
export function createPoller(deps: PollerDeps): Poller {
  const { clock, log, events, library } = deps;
  const repo = createScheduleRepo(deps.db);
  const random = deps.random ?? Math.random;
  const isPushLive = deps.isPushLive ?? (() => false);
  const limiter = createHostLimiter({ ...defaultPollLimits, ...deps.limits });
  const inFlight = new Map<number, Promise<FetchOutcome>>();
  let timer: { cancel(): void } | null = null;
  let running = false;
  let batch: Promise<RefreshProgress> | null = null;

  const bounds = (): PollBounds => {
    const s = deps.settings();
    const minMs = s.pollMinMinutes * minute;
    const maxMs = Math.max(minMs, s.pollMaxMinutes * minute);
    return {
      minMs,
      maxMs,
      defaultMs: Math.min(maxMs, Math.max(minMs, s.pollIntervalMinutes * minute)),
      safetyMs: s.safetyPollHours * 60 * minute,
    };
  };

  const schedule = (feedId: number, nextPollAt?: number) => {
    const b = bounds();
    return repo.create(feedId, nextPollAt ?? clock.now() + withJitter(b.defaultMs, random), b.defaultMs);
  };

  const hostOf = (url: string) => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  };

  function classify(outcome: FetchOutcome): PollResult {
    const response = outcome.response;
    if (outcome.error) {
      const status = response?.status ?? 0;
      if (status === 410) return { kind: 'gone' };
      if (status === 429 || status === 503) {
        return { kind: 'throttled', retryAfterMs: retryAfterMs(response!.headers.get('retry-after'), clock.now()) };
      }
      return { kind: 'failed' };
    }
    const hints = [
      maxAgeMs(response?.headers.get('cache-control') ?? null),
      outcome.loaded?.feed.ttlMinutes ? outcome.loaded.feed.ttlMinutes * minute : null,
      // The channel's sy: elements come before the items: the head of the document is enough.
      outcome.loaded
        ? syndicationPeriodMs(outcome.loaded.resource.body.subarray(0, 64 * 1024).toString('latin1'))
        : null,
    ].filter((hint): hint is number => hint !== null);
    const hintMs = hints.length > 0 ? Math.max(...hints) : null;
    if (outcome.added > 0) return { kind: 'changed', hintMs };
    return { kind: response?.status === 304 ? 'not-modified' : 'unchanged', hintMs };
  }

  function learn(feedId: number, outcome: FetchOutcome): void {
    const state = repo.get(feedId);
    if (!state || !library.feeds.get(feedId)) return;
    const result = classify(outcome);
    const now = clock.now();
    const plan = planNextPoll(state, result, { now, bounds: bounds(), pushLive: isPushLive(feedId), random });
    repo.save(feedId, plan);
    const host = hostOf(outcome.response?.url ?? repo.urlOf(feedId) ?? '');
    if (result.kind === 'gone') {
      library.recordError(
        feedId,
        'HTTP_ERROR',
        `${host} says this feed is gone for good (410). Tidings stopped checking it; refresh it to try again, or remove it.`,
      );
    } else if (result.kind === 'failed' && outcome.error) {
      // Say when the next try is, so a failing feed reads as handled rather than stuck.
      library.recordError(
        feedId,
        outcome.error.code,
        `${outcome.error.message} Tidings will try again in ${humanDelay(plan.nextPollAt - now)}.`,
      );
    } else if (result.kind === 'throttled') {
      library.recordError(
        feedId,
        'HTTP_ERROR',
        `${host} is busy or asked Tidings to slow down (${outcome.response?.status}); it will try again in ${humanDelay(plan.nextPollAt - now)}.`,
      );
    }
  }

  /** One poll of one feed; a feed already being polled shares that poll. */
  function poll(feedId: number, queued: boolean): Promise<FetchOutcome> {
    const current = inFlight.get(feedId);
    if (current) return current;
    const url = repo.urlOf(feedId) ?? '';
    const work = async () => {
      const outcome = await deps.fetchFeed(feedId);
      learn(feedId, outcome);
      return outcome;
    };
    const pending = (queued ? limiter.run(hostOf(url), work) : work()).finally(() => {
      inFlight.delete(feedId);
      if (inFlight.size === 0) arm();
    });
    inFlight.set(feedId, pending);
    return pending;
  }

  function scheduleMissing(): void {
    for (const feedId of repo.unscheduled()) schedule(feedId, clock.now());
  }

  /**
   * Queues a poll of each feed, a slice at a time with the loop free between:
   * queuing costs a few µs a feed (its URL, its host's queue), and 20,000 at
   * once held the loop ~120 ms. Resolves when every poll has settled.
   */
  async function pollAll(
    feeds: ReadonlyArray<{ feedId: number }>,
    each: (outcome: FetchOutcome) => void = () => {},
  ): Promise<void> {
    const polls: Array<Promise<unknown>> = [];
    for (let at = 0; at < feeds.length; at += queueSlice) {
      if (at > 0) await nextTurn();
      // Handled at once: a poll settling while later slices are queued must not count as unhandled.
      for (const feed of feeds.slice(at, at + queueSlice)) {
        polls.push(
          poll(feed.feedId, true)
            .then(each)
            .catch((error: unknown) => log(`polling feed ${feed.feedId} failed`, error)),
        );
      }
    }
    await Promise.all(polls);
  }

  async function pollDue(): Promise<number> {
    scheduleMissing();
    const due = repo.due(clock.now(), 10_000).filter((feed) => !inFlight.has(feed.feedId));
    await pollAll(due);
    return due.length;
  }

  function arm(): void {
    timer?.cancel();
    timer = null;
    // While polls run, the one that finishes last re-arms (their rows are still "due").
    if (!running || inFlight.size > 0) return;
    const next = repo.earliest();
    if (next === null) return;
    const delay = Math.min(maxTimerMs, Math.max(0, next - clock.now()));
    const expectedAt = clock.now() + delay;
    timer = clock.setTimeout(() => {
      timer = null;
      // A timer that fires long after its time means the computer slept: catch up on
      // everything (the headless host has no powerMonitor to say so).
      if (clock.now() - expectedAt > sleepGapMs) void pollEverything();
      pollDue().then(
        () => arm(),
        (error: unknown) => log('polling failed', error),
      );
    }, delay);
  }

  function pollEverything(): Promise<RefreshProgress> {
    if (batch) return batch;
    scheduleMissing();
    const feeds = repo.pollable(clock.now());
    const progress: RefreshProgress = { running: true, done: 0, total: feeds.length, failed: 0, added: 0 };
    let announcedAt = clock.now();
    const announce = () => {
      announcedAt = clock.now();
      events.emit('refreshProgress', { ...progress });
    };
    if (feeds.length > 0) announce();
    batch = pollAll(feeds, (outcome) => {
      progress.done++;
      progress.added += outcome.added;
      if (outcome.error) progress.failed++;
      // A progress bar needs a few updates a second, not one per feed of a thousand.
      if (clock.now() - announcedAt >= progressEveryMs) announce();
    }).then(() => {
      progress.running = false;
      if (feeds.length > 0) announce();
      batch = null;
      arm();
      return { ...progress };
    });
    return batch;
  }

  // A feed added by any part of the core gets a schedule the moment it is announced.
  const offFeeds = events.on('feedChanged', ({ feedId, feed }) => {
    if (!running || !feed) return;
    if (schedule(feedId)) return arm();
    pullIn(feedId);
  });
  // The user changed the bounds (or push): schedules follow at once, not after their next poll.
  const offSettings = events.on('settingsChanged', () => {
    if (!running) return;
    const b = bounds();
    repo.clampAll(b.minMs, b.maxMs, clock.now());
    arm();
  });

  /** A feed that stopped being live by push must not sit out its 12-hour safety wait. */
  function pullIn(feedId: number): void {
    const state = repo.get(feedId);
    if (!state || state.stopped || state.failures > 0 || inFlight.has(feedId) || isPushLive(feedId)) return;
    const now = clock.now();
    const interval = clampInterval(state.intervalMs, bounds());
    if (state.nextPollAt <= now + interval * (1 + jitterShare)) return;
    repo.setNext(feedId, now + withJitter(interval, random));
    arm();
  }

  let startTimer: { cancel(): void } | null = null;

  return {
    start() {
      running = true;
      const delay = deps.startDelayMs ?? 0;
      if (delay > 0) {
        startTimer = clock.setTimeout(() => {
          startTimer = null;
          if (running) void pollEverything();
        }, delay);
      } else {
        void pollEverything();
      }
      arm();
    },
    async stop() {
      running = false;
      startTimer?.cancel();
      startTimer = null;
      offFeeds();
      offSettings();
      timer?.cancel();
      timer = null;
      await Promise.allSettled([...inFlight.values()]);
    },
    async pollNow(feedId) {
      if (!library.feeds.get(feedId)) throw new AppError('NOT_FOUND', 'That feed is no longer in your library.');
      schedule(feedId);
      const outcome = await poll(feedId, false);
      return outcome;
    },
    refreshAll: pollEverything,
    async resume() {
      const done = await pollEverything();
      return { polled: done.total };
    },
    pollDue,
    async idle() {
      while (inFlight.size > 0 || batch) {
        await Promise.allSettled([...inFlight.values(), ...(batch ? [batch] : [])]);
      }
    },
  };
}

function humanDelay(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / minute));
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 36 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
