import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withTestCore } from '../support/test-core';
import { opmlLimits } from '../../src/main/core/opml/parse-opml';
import { watchStalls } from '../support/stall-watch';
import type { ImportProgress } from '../../src/shared/api';

// Issue 15: 30,000 nested outlines (840 KB) took the heap and the host with it (15,000 levels: 41 s,
// 2.9 GB), and a 20,000-feed import held the process. Feeds point at a closed local port, so the
// background fetches that follow fail at once.
function flatOpml(feeds: number, tag = 'f'): string {
  const lines: string[] = [];
  for (let i = 0; i < feeds; i++) {
    lines.push(
      `<outline type="rss" text="Feed ${tag}${i}" xmlUrl="http://127.0.0.1:9/${tag}/${i}.xml" category="/Folder ${i % 40}"/>`,
    );
  }
  return `<?xml version="1.0"?><opml version="2.0"><head><title>Big</title></head><body>${lines.join('\n')}</body></opml>`;
}

/** The longest gap between ticks of a 5 ms timer while `work` runs, and whether a call was answered meanwhile. */
async function whileAnswering<T>(work: () => Promise<T>, call: () => Promise<unknown>) {
  const stalls = watchStalls(5);
  let answered = 0;
  let running = true;
  const calling = (async () => {
    while (running) {
      await call();
      answered++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    const value = await work();
    return { value, longest: stalls.longest(), answered };
  } finally {
    running = false;
    stalls.stop();
    await calling;
  }
}

test(
  'a 20,000-feed OPML is imported whole, every feed fetched, then all refreshed, while the API keeps answering',
  { timeout: 180_000 },
  () =>
    withTestCore(async ({ core }) => {
      const text = flatOpml(20_000);
      let last: ImportProgress | null = null;
      let longestListWhileRunning = 0;
      const off = core.events.on('importProgress', (progress) => {
        last = progress;
        if (!progress.finished) longestListWhileRunning = Math.max(longestListWhileRunning, progress.failures.length);
      });
      // The import and then its 20,000 background fetches (each fails at once: a closed port), to the last.
      const { value, longest, answered } = await whileAnswering(
        async () => {
          const result = await core.importOpml({ text });
          while (!(last as ImportProgress | null)?.finished) await new Promise((resolve) => setTimeout(resolve, 50));
          return result;
        },
        () => core.getStatus({}),
      );
      off();
      assert.deepEqual({ done: last!.done, total: last!.total }, { done: 20_000, total: 20_000 });
      assert.equal(last!.failed, 20_000);
      assert.equal(last!.failures.length, 20_000, 'the last event lists each failure with its reason');
      // Events while it runs stay small: the count, and the first failures by name.
      assert.ok(longestListWhileRunning > 0 && longestListWhileRunning <= 200, `${longestListWhileRunning} listed`);
      assert.equal(value.added, 20_000);
      assert.ok(answered >= 2, `the API answered ${answered} times during the import`);
      // Generous for a shared machine: the whole import held the thread before.
      assert.ok(longest < 1_000, `the event loop stalled ${Math.round(longest)} ms`);
      const feeds = await core.listFeeds({});
      assert.equal(feeds.length, 20_000, 'every feed is there');
      assert.equal(new Set(feeds.map((f) => f.feedUrl)).size, 20_000);

      // Refresh all of them, as a user offline with a big library would: every poll fails at once.
      // Each finished poll started the next in the same run of callbacks: a 3.5 s block.
      const refresh = await whileAnswering(
        () => core.refreshAll({}),
        () => core.getStatus({}),
      );
      assert.deepEqual(
        { done: refresh.value.done, failed: refresh.value.failed, running: refresh.value.running },
        { done: 20_000, failed: 20_000, running: false },
      );
      assert.ok(refresh.answered >= 2, `the API answered ${refresh.answered} times during Refresh all`);
      assert.ok(refresh.longest < 1_000, `the event loop stalled ${Math.round(refresh.longest)} ms in Refresh all`);
    }),
);

test('two imports at once do not interleave: each feed is stored once', { timeout: 120_000 }, () =>
  withTestCore(async ({ core }) => {
    const text = flatOpml(3_000);
    const [a, b] = await Promise.all([core.importOpml({ text }), core.importOpml({ text })]);
    assert.deepEqual([a.added, b.added, b.skipped], [3_000, 0, 3_000]);
    assert.equal((await core.listFeeds({})).length, 3_000);
  }),
);

test('30,000 nested outlines, or more outlines than a list holds, are refused in words and nothing is stored', () =>
  withTestCore(async ({ core }) => {
    const deep = `<opml version="2.0"><body>${'<outline text="d">'.repeat(30_000)}<outline xmlUrl="http://127.0.0.1:9/x"/>${'</outline>'.repeat(30_000)}</body></opml>`;
    assert.ok(deep.length > 500_000);
    await assert.rejects(core.importOpml({ text: deep }), (error: { code: string; message: string }) => {
      assert.equal(error.code, 'TOO_LARGE');
      assert.match(
        error.message,
        new RegExp(`nests its outlines more than ${opmlLimits.maxDepth} deep.*Nothing was imported`),
      );
      return true;
    });
    const many = `<opml version="2.0"><body>${'<outline text="x" type="link"/>'.repeat(opmlLimits.maxOutlines + 1)}</body></opml>`;
    await assert.rejects(core.importOpml({ text: many }), /holds more than 100,000 outlines/);
    assert.equal((await core.listFeeds({})).length, 0);
    assert.equal((await core.getStatus({})) !== null, true);
    // And the list that follows imports as usual.
    assert.equal((await core.importOpml({ text: flatOpml(10) })).added, 10);
  }));
