import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, send } from '../support/fixture-server';
import { startTestCore } from '../support/test-core';
import { rss } from '../support/feeds';
import { createManualClock } from '../support/manual-clock';
import type { RefreshProgress } from '../../src/shared/api';

const minute = 60_000;

async function setup() {
  const server = await startFixtureServer({ '/feed.xml': send(rss('Clocked', [{ id: 'a', title: 'First' }])) });
  const clock = createManualClock();
  const t = await startTestCore({ clock, pollerOptions: { random: () => 0.5 } });
  const added = await t.core.addFeed({ url: server.url('/feed.xml') });
  assert.ok('feed' in added);
  const feedId = added.feed.id;
  const polls = () => server.requests.filter((r) => r.path === '/feed.xml').length;
  return { server, clock, t, feedId, polls };
}

test('a new feed is polled after the default interval, and new items arrive with events', async () => {
  const { server, clock, t, feedId, polls } = await setup();
  try {
    const seen: string[] = [];
    t.core.events.on('itemsAdded', ({ items }) => seen.push(...items.map((i) => i.title)));
    server.route(
      '/feed.xml',
      send(
        rss('Clocked', [
          { id: 'b', title: 'Second' },
          { id: 'a', title: 'First' },
        ]),
      ),
    );
    assert.equal(polls(), 1);
    await clock.advance(29 * minute);
    await t.core.poller.idle();
    assert.equal(polls(), 1, 'not before the interval');
    await clock.advance(1 * minute);
    await t.core.poller.idle();
    assert.equal(polls(), 2);
    assert.deepEqual(seen, ['Second']);
    const feed = (await t.core.listFeeds({})).find((f) => f.id === feedId)!;
    assert.equal(feed.unreadCount, 2);
  } finally {
    await t.close();
    await server.close();
  }
});

test('errors back off exponentially under the clock, show on the feed, and clear on success', async () => {
  const { server, clock, t, feedId, polls } = await setup();
  try {
    server.route('/feed.xml', (_req, res) => void res.writeHead(500).end('broken'));
    await clock.advance(30 * minute);
    await t.core.poller.idle();
    assert.equal(polls(), 2);
    const failing = (await t.core.listFeeds({})).find((f) => f.id === feedId)!;
    assert.equal(failing.lastError?.code, 'HTTP_ERROR');
    // First failure: twice the interval (the unchanged first poll never happened, so 30 min x 2).
    await clock.advance(59 * minute);
    await t.core.poller.idle();
    assert.equal(polls(), 2, 'still backing off');
    await clock.advance(1 * minute);
    await t.core.poller.idle();
    assert.equal(polls(), 3);
    // Second failure: four times.
    await clock.advance(119 * minute);
    await t.core.poller.idle();
    assert.equal(polls(), 3);
    server.route('/feed.xml', send(rss('Clocked', [{ id: 'a', title: 'First' }])));
    await clock.advance(1 * minute);
    await t.core.poller.idle();
    assert.equal(polls(), 4);
    const healed = (await t.core.listFeeds({})).find((f) => f.id === feedId)!;
    assert.equal(healed.lastError, null);
  } finally {
    await t.close();
    await server.close();
  }
});

test('resume() polls every feed at once and reports progress', async () => {
  const { server, t, polls } = await setup();
  try {
    const second = await t.core.addFeed({ url: server.url('/other.xml') }).catch(() => null);
    assert.equal(second, null, '/other.xml is a 404, so only one feed exists');
    const progress: RefreshProgress[] = [];
    t.core.events.on('refreshProgress', (p) => progress.push(p));
    const result = await t.core.resume({});
    assert.equal(result.polled, 1);
    assert.equal(polls(), 2);
    assert.deepEqual(progress.at(-1), { running: false, done: 1, total: 1, failed: 0, added: 0 });
    assert.ok(progress.some((p) => p.running));
  } finally {
    await t.close();
    await server.close();
  }
});

test('a push-live feed is only polled by the 12-hour safety poll', async () => {
  const server = await startFixtureServer({ '/feed.xml': send(rss('Pushed', [{ id: 'a', title: 'First' }])) });
  const clock = createManualClock();
  const t = await startTestCore({ clock, pollerOptions: { random: () => 0.5, isPushLive: () => true } });
  try {
    await t.core.addFeed({ url: server.url('/feed.xml') });
    const polls = () => server.requests.length;
    await clock.advance(30 * minute);
    await t.core.poller.idle();
    assert.equal(polls(), 2, 'the first scheduled poll');
    await clock.advance(11 * 60 * minute);
    await t.core.poller.idle();
    assert.equal(polls(), 2);
    await clock.advance(60 * minute);
    await t.core.poller.idle();
    assert.equal(polls(), 3);
  } finally {
    await t.close();
    await server.close();
  }
});

test('a failing feed says when the next try is', async () => {
  const { server, clock, t, feedId } = await setup();
  try {
    server.route('/feed.xml', (_req, res) => void res.writeHead(500).end('broken'));
    await clock.advance(30 * minute);
    await t.core.poller.idle();
    const feed = (await t.core.listFeeds({})).find((f) => f.id === feedId)!;
    assert.match(feed.lastError!.message, /try again in 60 min\.$/);
  } finally {
    await t.close();
    await server.close();
  }
});

test('narrower bounds apply at once, not after the next poll', async () => {
  const { server, clock, t, polls } = await setup();
  try {
    await t.core.updateSettings({ pollMaxMinutes: 10 });
    await clock.advance(10 * minute);
    await t.core.poller.idle();
    assert.equal(polls(), 2);
  } finally {
    await t.close();
    await server.close();
  }
});

test('a timer that fires long after its time (sleep) polls every feed', async () => {
  const { server, clock, t, polls } = await setup();
  try {
    await t.core.addFeed({ url: server.url('/feed.xml?second') });
    const before = server.requests.length;
    await clock.sleep(20 * minute);
    await t.core.poller.idle();
    assert.equal(server.requests.length, before + 2, 'both feeds, though neither was due');
    assert.equal(polls(), 2);
  } finally {
    await t.close();
    await server.close();
  }
});

test('a feed that stops being live by push is polled on its normal interval again', async () => {
  const server = await startFixtureServer({ '/feed.xml': send(rss('Pushed', [{ id: 'a', title: 'First' }])) });
  const clock = createManualClock();
  let live = true;
  const t = await startTestCore({ clock, pollerOptions: { random: () => 0.5, isPushLive: () => live } });
  try {
    await t.core.addFeed({ url: server.url('/feed.xml') });
    await clock.advance(30 * minute);
    await t.core.poller.idle();
    assert.equal(server.requests.length, 2);
    // Push is lost; the next announcement of the feed (here: an item read) reschedules it.
    live = false;
    const page = await t.core.listItems({});
    await t.core.setRead({ itemIds: [page.items[0]!.id], read: true });
    await clock.advance(40 * minute);
    await t.core.poller.idle();
    assert.equal(server.requests.length, 3, 'polled within its interval, not 12 h later');
  } finally {
    await t.close();
    await server.close();
  }
});

for (const [hint, channel, headers] of [
  ['RSS ttl', '<ttl>120</ttl>', {}],
  [
    'sy:updatePeriod',
    '<sy:updatePeriod xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">daily</sy:updatePeriod><sy:updateFrequency xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">12</sy:updateFrequency>',
    {},
  ],
  ['Cache-Control max-age', '', { 'cache-control': 'max-age=7200' }],
] as const) {
  test(`the publisher's ${hint} keeps polls at least that far apart`, async () => {
    const body = rss('Hinted', [{ id: 'a', title: 'First' }], channel);
    const server = await startFixtureServer({ '/feed.xml': send(body, undefined, headers) });
    const clock = createManualClock();
    const t = await startTestCore({ clock, pollerOptions: { random: () => 0.5 } });
    try {
      await t.core.addFeed({ url: server.url('/feed.xml') });
      await clock.advance(30 * minute);
      await t.core.poller.idle();
      assert.equal(server.requests.length, 2);
      await clock.advance(119 * minute);
      await t.core.poller.idle();
      assert.equal(server.requests.length, 2, 'not before two hours');
      await clock.advance(1 * minute);
      await t.core.poller.idle();
      assert.equal(server.requests.length, 3);
    } finally {
      await t.close();
      await server.close();
    }
  });
}
