import type { Db } from '../db/open-db';
import type { Plan, ScheduleState } from './poll-policy';

interface ScheduleRow {
  feed_id: number;
  next_poll_at: number;
  interval_ms: number;
  failures: number;
  retry_after: number | null;
  last_new_at: number | null;
  avg_gap_ms: number | null;
  stopped: number;
}

export interface Schedule extends ScheduleState {
  feedId: number;
  nextPollAt: number;
  retryAfter: number | null;
  stopped: boolean;
}

export interface DueFeed {
  feedId: number;
  url: string;
}

export type ScheduleRepo = ReturnType<typeof createScheduleRepo>;

const toSchedule = (row: ScheduleRow): Schedule => ({
  feedId: row.feed_id,
  nextPollAt: row.next_poll_at,
  intervalMs: row.interval_ms,
  failures: row.failures,
  retryAfter: row.retry_after,
  lastNewAt: row.last_new_at,
  avgGapMs: row.avg_gap_ms,
  stopped: row.stopped === 1,
});

/** The per-feed polling schedule (table poll_schedule). */
export function createScheduleRepo(db: Db) {
  const byFeed = db.prepare<[number], ScheduleRow>('SELECT * FROM poll_schedule WHERE feed_id = ?');
  const insert = db.prepare<[number, number, number]>(
    'INSERT OR IGNORE INTO poll_schedule (feed_id, next_poll_at, interval_ms) VALUES (?, ?, ?)',
  );
  const save = db.prepare<[number, number, number, number | null, number | null, number | null, number, number]>(
    `UPDATE poll_schedule SET next_poll_at = ?, interval_ms = ?, failures = ?, retry_after = ?,
       last_new_at = ?, avg_gap_ms = ?, stopped = ?
     WHERE feed_id = ?`,
  );
  // Feeds with no schedule yet (added by a part that doesn't know the poller) count as due.
  const missing = db.prepare<[], { id: number }>(
    'SELECT id FROM feeds WHERE id NOT IN (SELECT feed_id FROM poll_schedule)',
  );
  const due = db.prepare<[number, number], DueFeed>(
    `SELECT s.feed_id AS feedId, f.url AS url FROM poll_schedule s JOIN feeds f ON f.id = s.feed_id
     WHERE s.stopped = 0 AND s.next_poll_at <= ? ORDER BY s.next_poll_at LIMIT ?`,
  );
  const everyPollable = db.prepare<[number], DueFeed>(
    `SELECT s.feed_id AS feedId, f.url AS url FROM poll_schedule s JOIN feeds f ON f.id = s.feed_id
     WHERE s.stopped = 0 AND coalesce(s.retry_after, 0) <= ? ORDER BY s.next_poll_at`,
  );
  const earliest = db.prepare<[], { at: number | null }>(
    'SELECT min(next_poll_at) AS at FROM poll_schedule WHERE stopped = 0',
  );
  const setNext = db.prepare<[number, number]>('UPDATE poll_schedule SET next_poll_at = ? WHERE feed_id = ?');
  // New bounds: learnt intervals move inside them, and nothing waits longer than the new interval
  // (a feed in backoff or under Retry-After keeps its wait).
  const clampAll = db.prepare<{ min: number; max: number; now: number }>(
    `UPDATE poll_schedule SET interval_ms = max(@min, min(@max, interval_ms)),
       next_poll_at = min(next_poll_at, @now + max(@min, min(@max, interval_ms)))
     WHERE stopped = 0 AND failures = 0 AND coalesce(retry_after, 0) <= @now`,
  );
  const urlOf = db.prepare<[number], { url: string }>('SELECT url FROM feeds WHERE id = ?');

  return {
    get: (feedId: number): Schedule | undefined => {
      const row = byFeed.get(feedId);
      return row ? toSchedule(row) : undefined;
    },
    /** Creates a feed's schedule unless it has one; true when created. */
    create: (feedId: number, nextPollAt: number, intervalMs: number): boolean =>
      insert.run(feedId, nextPollAt, intervalMs).changes > 0,
    save(feedId: number, plan: Plan): void {
      save.run(
        plan.nextPollAt,
        plan.intervalMs,
        plan.failures,
        plan.retryAfter,
        plan.lastNewAt,
        plan.avgGapMs,
        plan.stopped ? 1 : 0,
        feedId,
      );
    },
    unscheduled: (): number[] => missing.all().map((row) => row.id),
    due: (now: number, limit: number): DueFeed[] => due.all(now, limit),
    pollable: (now: number): DueFeed[] => everyPollable.all(now),
    earliest: (): number | null => earliest.get()?.at ?? null,
    setNext: (feedId: number, at: number): void => void setNext.run(at, feedId),
    clampAll: (minMs: number, maxMs: number, now: number): number =>
      clampAll.run({ min: minMs, max: maxMs, now }).changes,
    urlOf: (feedId: number): string | undefined => urlOf.get(feedId)?.url,
  };
}
