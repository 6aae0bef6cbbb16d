import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offThreadBytes, offThreadParser, parseDocument } from '../../src/main/core/feeds/parse-document';

const parseFeed = (text: string, url: string) => parseDocument({ text, url });
import { rss } from '../support/feeds';
import { parseHere } from '../../src/main/core/feeds/parse-here';
import { sliceItems, sliceResults } from '../../src/main/core/feeds/result-slices';

const bigFeed = (count: number) =>
  rss(
    'Big harbour log',
    Array.from({ length: count }, (_, i) => ({
      id: `big-${i}`,
      title: `Entry ${i} &amp; more`,
      published: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      content: `<p>${'A long paragraph about tides, boats and weather. '.repeat(20)}</p>`,
    })),
    '<atom:link rel="hub" href="https://hub.example/"/>',
  );

test('a feed over the size limit is parsed in a worker thread, with the same result as on this thread', async () => {
  const text = bigFeed(1500);
  assert.ok(text.length > offThreadBytes, `the fixture is big (${text.length} bytes)`);
  const before = offThreadParser().count();
  const feed = await parseFeed(text, 'https://big.example/feed.xml');
  assert.equal(offThreadParser().count(), before + 1, 'parsed off the main thread');
  assert.equal(feed.title, 'Big harbour log');
  assert.equal(feed.items.length, 1500);
  assert.equal(feed.items[0]!.title, 'Entry 0 & more');
  assert.equal(feed.items[1499]!.key, 'id:big-1499');
  assert.ok(feed.links.some((l) => l.rel === 'hub' && l.href === 'https://hub.example/'));

  // The small path gives the same items for the same entries.
  const small = await parseFeed(bigFeed(3), 'https://big.example/feed.xml');
  assert.equal(offThreadParser().count(), before + 1, 'a small feed stays on this thread');
  assert.deepEqual(small.items[2], feed.items[2]);
});

test('big broken XML is read in the worker as far as it goes, unreadable big XML is MALFORMED_FEED, and the worker keeps serving', async () => {
  const before = offThreadParser().count();
  const cut = await parseFeed(bigFeed(1500).replace('</channel>', ''), 'https://big.example/feed.xml');
  assert.equal(cut.items.length, 1500);
  assert.deepEqual(cut.problems, ['<channel> is not closed']);
  const junk = `<rss><channel>${'<x>'.repeat(100_000)}`;
  await assert.rejects(parseFeed(junk, 'https://big.example/feed.xml'), { code: 'MALFORMED_FEED' });
  const feed = await parseFeed(bigFeed(1500), 'https://big.example/feed.xml');
  assert.equal(feed.items.length, 1500);
  assert.equal(offThreadParser().count(), before + 3, 'all three in the worker');
});

test('many items come back from the worker in slices of a bounded size, and arrive whole and in order', async () => {
  // A batch as the inbox sends it: feeds of every size around the slice, and a broken document between them.
  const docs = [bigFeed(3), bigFeed(sliceItems + 1), '<rss><channel><item>', bigFeed(2 * sliceItems + 7), bigFeed(1)];
  const jobs = docs.map((text, n) => ({
    text,
    url: `https://big.example/${n}.xml`,
    contentType: null,
    contentLocation: null,
  }));

  // The pieces the worker sends: no message carries more than one slice's worth of items.
  const here = jobs.map(parseHere);
  const { first, rest } = sliceResults(here);
  const itemsIn = (results: typeof here) => results.reduce((n, r) => n + (r.ok ? r.feed.items.length : 0), 0);
  assert.ok(itemsIn(first) <= sliceItems);
  assert.ok(rest.length >= 3 && rest.every((slice) => slice.items.length <= sliceItems));

  const results = await offThreadParser().parse(jobs);
  // Whole, in order, each result with its own items: the same as parsing here.
  assert.deepEqual(results, jobs.map(parseHere));
  assert.deepEqual(
    results.map((r) => (r.ok ? r.feed.items.length : r.code)),
    [3, sliceItems + 1, 'MALFORMED_FEED', 2 * sliceItems + 7, 1],
  );
});
