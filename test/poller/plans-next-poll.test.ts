import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs, planNextPoll, type PollBounds, type ScheduleState } from '../../src/main/core/poller/poll-policy';
import { maxAgeMs, retryAfterMs, syndicationPeriodMs } from '../../src/main/core/poller/http-hints';

const minute = 60_000;
const hour = 60 * minute;
const bounds: PollBounds = { defaultMs: 30 * minute, minMs: 5 * minute, maxMs: 24 * hour, safetyMs: 12 * hour };
const fresh: ScheduleState = { intervalMs: 30 * minute, failures: 0, lastNewAt: null, avgGapMs: null };
const noJitter = () => 0.5;
const ctx = (now: number, pushLive = false) => ({ now, bounds, pushLive, random: noJitter });

test('a feed that changes at every poll converges towards polling twice per change, never below the minimum', () => {
  let state: ScheduleState = fresh;
  let now = 0;
  for (let i = 0; i < 30; i++) {
    now += state.intervalMs;
    state = planNextPoll(state, { kind: 'changed', hintMs: null }, ctx(now));
  }
  assert.equal(state.intervalMs, bounds.minMs);
});

test('a feed that posts every 4 hours is polled about every 2 hours', () => {
  let state: ScheduleState = fresh;
  let now = 0;
  // It changes every 4 h; we poll on our schedule and see the change at the first poll after it.
  let nextChange = 4 * hour;
  for (let i = 0; i < 200; i++) {
    now += state.intervalMs;
    const changed = now >= nextChange;
    if (changed) nextChange += 4 * hour * Math.ceil((now - nextChange + 1) / (4 * hour));
    state = planNextPoll(state, { kind: changed ? 'changed' : 'not-modified', hintMs: null }, ctx(now));
  }
  assert.ok(state.avgGapMs! > 3.5 * hour && state.avgGapMs! < 5 * hour, `average gap ${state.avgGapMs! / hour} h`);
});

test('a quiet feed is polled less and less often, up to the maximum', () => {
  let state: ScheduleState = fresh;
  for (let i = 0; i < 100; i++) state = planNextPoll(state, { kind: 'not-modified', hintMs: null }, ctx(i * hour));
  assert.equal(state.intervalMs, bounds.maxMs);
  const once = planNextPoll(fresh, { kind: 'unchanged', hintMs: null }, ctx(0));
  assert.equal(once.intervalMs, 37.5 * minute);
  assert.equal(once.nextPollAt, 37.5 * minute);
});

test("the publisher's max-age / ttl / sy:updatePeriod is a floor, capped by the maximum", () => {
  const hinted = planNextPoll(fresh, { kind: 'changed', hintMs: 2 * hour }, ctx(0));
  assert.equal(hinted.intervalMs, 2 * hour);
  const huge = planNextPoll(fresh, { kind: 'changed', hintMs: 30 * 24 * hour }, ctx(0));
  assert.equal(huge.intervalMs, bounds.maxMs);
  const tiny = planNextPoll(fresh, { kind: 'changed', hintMs: 1000 }, ctx(0));
  assert.equal(tiny.intervalMs, 30 * minute);
});

test('errors back off exponentially up to the maximum, and a success resets them', () => {
  let state: ScheduleState = fresh;
  const delays: number[] = [];
  let now = 0;
  for (let i = 0; i < 8; i++) {
    const plan = planNextPoll(state, { kind: 'failed' }, ctx(now));
    delays.push((plan.nextPollAt - now) / minute);
    now = plan.nextPollAt;
    state = plan;
  }
  assert.deepEqual(delays, [60, 120, 240, 480, 960, 1440, 1440, 1440]);
  assert.equal(state.failures, 8);
  const ok = planNextPoll(state, { kind: 'not-modified', hintMs: null }, ctx(now));
  assert.equal(ok.failures, 0);
  assert.equal(backoffMs(1 * minute, 1, bounds), 10 * minute, 'backoff starts from at least the minimum');
});

test('429/503 wait at least Retry-After (and the minimum), without it they back off', () => {
  const plan = planNextPoll(fresh, { kind: 'throttled', retryAfterMs: 3 * hour }, ctx(1000));
  assert.equal(plan.retryAfter, 1000 + 3 * hour);
  assert.ok(plan.nextPollAt >= 1000 + 3 * hour && plan.nextPollAt <= 1000 + 3.3 * hour);
  const short = planNextPoll(fresh, { kind: 'throttled', retryAfterMs: 10_000 }, ctx(0));
  assert.ok(short.nextPollAt >= bounds.minMs);
  const none = planNextPoll(fresh, { kind: 'throttled', retryAfterMs: null }, ctx(0));
  assert.equal(none.nextPollAt, 60 * minute);
  assert.equal(none.retryAfter, null);
});

test('410 Gone stops polling', () => {
  const plan = planNextPoll(fresh, { kind: 'gone' }, ctx(0));
  assert.equal(plan.stopped, true);
});

test('a push-live feed only gets the safety poll', () => {
  const plan = planNextPoll(fresh, { kind: 'changed', hintMs: null }, ctx(0, true));
  assert.equal(plan.nextPollAt, 12 * hour);
});

test('jitter moves the next poll by at most a tenth either way', () => {
  const early = planNextPoll(
    fresh,
    { kind: 'unchanged', hintMs: null },
    { now: 0, bounds, pushLive: false, random: () => 0 },
  );
  const late = planNextPoll(
    fresh,
    { kind: 'unchanged', hintMs: null },
    { now: 0, bounds, pushLive: false, random: () => 0.999999 },
  );
  assert.equal(early.nextPollAt, Math.round(37.5 * minute * 0.9));
  assert.ok(late.nextPollAt > 37.5 * minute * 1.09 && late.nextPollAt <= 37.5 * minute * 1.1);
});

test('Retry-After, Cache-Control and sy:updatePeriod are read as people write them', () => {
  const now = Date.parse('Sun, 01 Feb 2026 10:00:00 GMT');
  assert.equal(retryAfterMs('120', now), 120_000);
  assert.equal(retryAfterMs('Sun, 01 Feb 2026 10:05:00 GMT', now), 300_000);
  assert.equal(retryAfterMs('Sun, 01 Feb 2026 09:00:00 GMT', now), 0);
  assert.equal(retryAfterMs('soon', now), null);
  assert.equal(retryAfterMs(null, now), null);
  assert.equal(maxAgeMs('public, max-age=3600'), 3_600_000);
  assert.equal(maxAgeMs('no-cache'), null);
  assert.equal(
    syndicationPeriodMs('<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>'),
    30 * minute,
  );
  assert.equal(syndicationPeriodMs('<sy:updatePeriod> daily </sy:updatePeriod>'), 24 * hour);
  assert.equal(syndicationPeriodMs('<sy:updatePeriod>often</sy:updatePeriod>'), null);
});

test(
  'sy:updatePeriod is found in linear time: unclosed openers filling the whole read cannot stall a poll',
  { timeout: 20_000 },
  () => {
    // The channel's elements, with attributes and any case, as publishers write them.
    assert.equal(
      syndicationPeriodMs(
        '<SY:UpdatePeriod xmlns:sy="x">Weekly</SY:UpdatePeriod>\n<sy:updateFrequency >7</sy:updateFrequency>',
      ),
      24 * hour,
    );
    assert.equal(syndicationPeriodMs('<sy:updatePeriodX>hourly</sy:updatePeriodX>'), null, 'another element');
    assert.equal(syndicationPeriodMs('<sy:updatePeriod/>'), null);
    // The attack: a 64 KB read (what the poller reads) of nothing but openers; a regex with [^>]* took ~120 ms
    // here and grew with the square of the count. The work must grow with the length, so 100x the length is fine.
    const openers = '<rss><channel>' + '<sy:updatePeriod x'.repeat(400_000);
    assert.equal(syndicationPeriodMs(openers), null);
    assert.equal(syndicationPeriodMs(`<sy:updatePeriod>${'hourly '.repeat(200_000)}`), null);
  },
);
