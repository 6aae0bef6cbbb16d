import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, send } from '../support/fixture-server';
import { withTestCore } from '../support/test-core';
import { atom } from '../support/feeds';
import { parseHere } from '../../src/main/core/feeds/parse-here';
import { watchStalls } from '../support/stall-watch';

// The two freezes issue 15 found in feeds/: a regex in the text cleaner (100,000 <script>
// openers in 800 KB blocked the process 32 s) and the XHTML inliner (an unclosed
// <content type="xhtml"> of 440 KB: 3.8 s). Both grew quadratically.
const scriptOpeners = atom('Scripts', [{ id: 's', title: 'Many openers', content: '<script>'.repeat(100_000) }]);
const unclosedXhtml =
  '<feed xmlns="http://www.w3.org/2005/Atom"><title>Unclosed</title><entry><id>u</id><title>Open</title>' +
  `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${'<p>tide '.repeat(55_000)}`;

// h-feed pages: the microformats parser's work grows with the square of the microformats
// classes it meets (1 MB of plain h-entries took 4.4 s, fourfold per doubling), the HTML parser's with the square of
// the depth (50,000 nested divs: most of a minute), and the microformats walk is recursive.
const manyEntries =
  '<!doctype html><title>Many</title>' +
  '<div class="h-entry"><a class="u-url p-name" href="/p">p</a></div>'.repeat(45_000);
const manyProperties =
  '<!doctype html><title>Props</title><div class="h-entry">' +
  '<span class="p-name p-summary e-content u-url dt-published p-author h-card">x</span>'.repeat(36_000);
const deepNesting =
  '<!doctype html><title>Deep</title>' + '<div class="h-entry"><div class="e-content">'.repeat(50_000);

/** Runs `work` while a timer ticks and an API call is made; returns the longest gap between ticks (ms). */
async function longestStall(work: () => Promise<unknown>, answerMeanwhile: () => Promise<unknown>): Promise<number> {
  const stalls = watchStalls(5);
  try {
    await Promise.all([work(), answerMeanwhile()]);
  } finally {
    stalls.stop();
  }
  return stalls.longest();
}

for (const [name, body, size] of [
  ['100,000 <script> openers in one item', scriptOpeners, 800_000],
  ['an unclosed <content type="xhtml">', unclosedXhtml, 440_000],
] as const) {
  test(`a feed with ${name} (${size / 1000} KB) is stored while the process keeps answering`, () =>
    withTestCore(async ({ core }) => {
      assert.ok(body.length >= size, `the attack is full size (${body.length} bytes)`);
      const site = await startFixtureServer({ '/attack.xml': send(body, 'application/atom+xml') });
      try {
        let answered = false;
        const stall = await longestStall(
          () => core.addFeed({ url: site.url('/attack.xml') }),
          async () => {
            await core.getStatus({});
            answered = true;
          },
        );
        assert.ok(answered, 'an API call was answered while the feed was parsed');
        // Generous for a loaded machine: the old code blocked for seconds (quadratic), now it parses in a worker.
        assert.ok(stall < 1_000, `the event loop stalled ${Math.round(stall)} ms`);
        const [item] = (await core.listItems({})).items;
        const stored = await core.getItem({ itemId: item!.id });
        assert.doesNotMatch(stored.contentHtml, /<script/i);
      } finally {
        await site.close();
      }
    }));
}

test(
  'the same attacks parsed on this thread finish too: the work is linear, whatever the markup',
  { timeout: 60_000 },
  () => {
    for (const text of [scriptOpeners, unclosedXhtml, unclosedXhtml.repeat(2)]) {
      const result = parseHere({ text, url: 'https://attack.example/', contentType: null, contentLocation: null });
      assert.ok(result.ok);
      assert.equal(result.feed.items.length, 1);
    }
  },
);

test(
  'h-feed pages of 3 MB of microformats, or nested 50,000 deep, are read up to a bound while the process keeps answering',
  { timeout: 120_000 },
  () =>
    withTestCore(async ({ core }) => {
      const site = await startFixtureServer({
        '/entries': send(manyEntries, 'text/html'),
        '/properties': send(manyProperties, 'text/html'),
        '/deep': send(deepNesting, 'text/html'),
      });
      try {
        for (const [path, items] of [
          ['/entries', 3_334],
          ['/properties', 1],
          ['/deep', 1],
        ] as const) {
          let answered = false;
          const adding = core.addFeed({ url: site.url(path) });
          const stall = await longestStall(
            () => adding,
            async () => {
              await core.getStatus({});
              answered = true;
            },
          );
          assert.ok(answered, 'an API call was answered while the page was parsed');
          assert.ok(stall < 1_000, `the event loop stalled ${Math.round(stall)} ms`);
          const added = await adding;
          assert.ok('feed' in added);
          assert.equal(added.added, items, 'the entries before the budget ran out are kept');
        }
      } finally {
        await site.close();
      }
    }),
);
