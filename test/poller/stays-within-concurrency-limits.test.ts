import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../support/fixture-server';
import { startTestCore } from '../support/test-core';
import { rss } from '../support/feeds';

/** A server whose feeds answer slowly, counting how many requests it holds at once. */
async function slowServer(all: { now: number; max: number }) {
  const counter = { now: 0, max: 0 };
  const server = await startFixtureServer();
  for (let i = 0; i < 6; i++) {
    server.route(`/feed-${i}.xml`, async (_req, res) => {
      counter.now++;
      counter.max = Math.max(counter.max, counter.now);
      all.now++;
      all.max = Math.max(all.max, all.now);
      await new Promise((resolve) => setTimeout(resolve, 80));
      counter.now--;
      all.now--;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(`Feed ${i}`, [{ id: 'a', title: 'A' }]));
    });
  }
  return { server, counter };
}

test('a refresh of every feed never holds more than the total and per-host limits', async () => {
  const all = { now: 0, max: 0 };
  const a = await slowServer(all);
  const b = await slowServer(all);
  const t = await startTestCore({ pollerOptions: { limits: { total: 3, perHost: 2 } } });
  try {
    for (const { server } of [a, b]) {
      for (let i = 0; i < 6; i++) await t.core.addFeed({ url: server.url(`/feed-${i}.xml`) });
    }
    a.counter.max = 0;
    b.counter.max = 0;
    all.max = 0;
    const progress = await t.core.refreshAll({});
    assert.equal(progress.done, 12);
    assert.equal(a.counter.max, 2, 'per host: 2');
    assert.ok(b.counter.max <= 2, 'per host: 2');
    assert.ok(all.max <= 3, `total: at most 3, saw ${all.max}`);
    assert.ok(all.max >= 2, 'requests did run side by side');
  } finally {
    await t.close();
    await a.server.close();
    await b.server.close();
  }
});
