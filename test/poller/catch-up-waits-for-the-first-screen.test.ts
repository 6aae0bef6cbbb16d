import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, send } from '../support/fixture-server';
import { startTestCore } from '../support/test-core';
import { rss } from '../support/feeds';
import { createManualClock } from '../support/manual-clock';
import { rmSync } from 'node:fs';

test('the catch-up poll at start waits for its delay, then polls every feed once', async () => {
  const server = await startFixtureServer({ '/a.xml': send(rss('A', [{ id: '1', title: 'one' }])) });
  const first = await startTestCore();
  const dataDir = first.dataDir;
  try {
    await first.core.addFeed({ url: server.url('/a.xml') });
  } finally {
    await first.core.close();
  }
  const clock = createManualClock(Date.now());
  const before = server.requests.length;
  const second = await startTestCore({ dataDir, clock, pollerOptions: { startDelayMs: 3_000, random: () => 0.5 } });
  try {
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(server.requests.length, before, 'nothing is fetched before the delay');
    await clock.advance(3_000);
    await second.core.poller.idle();
    await waitFor(() => server.requests.length === before + 1);
  } finally {
    await second.close();
    rmSync(dataDir, { recursive: true, force: true });
    await server.close();
  }
});

async function waitFor(condition: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) assert.fail('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
