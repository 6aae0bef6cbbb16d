import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeedDate } from '../../src/main/core/feeds/parse-date';

const utc = (iso: string) => Date.parse(iso);

test('W3C-DTF and ISO 8601 dates, whole or partial, spaced or compact; no zone means UTC', () => {
  assert.equal(parseFeedDate('2026-11-21T09:30:00Z'), utc('2026-11-21T09:30:00Z'));
  assert.equal(parseFeedDate('2026-11-21T09:30:00.123+02:00'), utc('2026-11-21T07:30:00.123Z'));
  assert.equal(parseFeedDate('2026-11-21 09:30:00'), utc('2026-11-21T09:30:00Z'));
  assert.equal(parseFeedDate('20261121T093000Z'), utc('2026-11-21T09:30:00Z'));
  assert.equal(parseFeedDate('2026-11-21T09:30-0500'), utc('2026-11-21T14:30:00Z'));
  assert.equal(parseFeedDate('2026-11'), utc('2026-11-01T00:00:00Z'));
  assert.equal(parseFeedDate('2026'), utc('2026-01-01T00:00:00Z'));
});

test('RFC 822 dates as feeds write them: zone names, two-digit years, no day name, no seconds', () => {
  assert.equal(parseFeedDate('Sat, 21 Nov 2026 09:30:00 GMT'), utc('2026-11-21T09:30:00Z'));
  assert.equal(parseFeedDate('Sat, 21 Nov 2026 09:30:00 EST'), utc('2026-11-21T14:30:00Z'));
  assert.equal(parseFeedDate('21 Nov 26 09:30 PDT'), utc('2026-11-21T16:30:00Z'));
  assert.equal(parseFeedDate('Sat, 21 November 2026 09:30:00 +0100'), utc('2026-11-21T08:30:00Z'));
  assert.equal(parseFeedDate('21 Sept 2026'), utc('2026-09-21T00:00:00Z'));
  assert.equal(parseFeedDate('Sat, 21 Nov 2026 09:30:00 +0000 (UTC)'), utc('2026-11-21T09:30:00Z'));
  assert.equal(parseFeedDate('Nov 21, 2026 09:30:00 GMT'), utc('2026-11-21T09:30:00Z'));
});

test('nonsense is no date, and a long string is cut before any pattern sees it', () => {
  assert.equal(parseFeedDate('someday'), null);
  assert.equal(parseFeedDate(''), null);
  assert.equal(parseFeedDate('2026-13-40'), null);
  assert.equal(parseFeedDate(`${'1'.repeat(100_000)}`), null);
});
