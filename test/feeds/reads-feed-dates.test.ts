import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

test('a day the month does not have is no date, rather than a day of the next month; the next date element is used', async () => {
  assert.equal(parseFeedDate('Thu, 31 Jun 2026 19:48:21 GMT'), null);
  assert.equal(parseFeedDate('2026-02-29T10:00:00Z'), null);
  assert.equal(parseFeedDate('2028-02-29T10:00:00Z'), utc('2028-02-29T10:00:00Z'), 'a leap day is a day');
  const { parseDocument } = await import('../../src/main/core/feeds/parse-document');
  const feed = await parseDocument({
    text: readFileSync(join(import.meta.dirname, '..', 'fixtures', 'formats', 'quirks', 'impossible-date.xml')),
    url: 'http://doc.example/feed.xml',
  });
  assert.equal(feed.items[0]!.publishedAt, utc('2026-06-30T08:00:00Z'), 'pubDate is impossible: dc:date stands');
});
