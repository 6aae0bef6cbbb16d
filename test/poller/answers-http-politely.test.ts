import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, send, type FixtureServer } from '../support/fixture-server';
import { startTestCore, type TestCore } from '../support/test-core';
import { rss } from '../support/feeds';

const doc = rss('Polite', [{ id: 'a', title: 'First' }]);

async function withFeed(
  headers: Record<string, string>,
  run: (s: { server: FixtureServer; t: TestCore; feedId: number; hits: (path?: string) => number }) => Promise<void>,
  fetchOptions = { timeoutMs: 3_000 },
) {
  const server = await startFixtureServer({ '/feed.xml': send(doc, undefined, headers) });
  const t = await startTestCore({ fetchOptions });
  try {
    const added = await t.core.addFeed({ url: server.url('/feed.xml') });
    assert.ok('feed' in added);
    const hits = (path = '/feed.xml') => server.requests.filter((r) => r.path === path).length;
    await run({ server, t, feedId: added.feed.id, hits });
  } finally {
    await t.close();
    await server.close();
  }
}

const feedOf = async (t: TestCore, feedId: number) => (await t.core.listFeeds({})).find((f) => f.id === feedId)!;

test('ETag: the poll asks If-None-Match and a 304 costs nothing', async () => {
  await withFeed({ etag: '"v1"' }, async ({ server, t, feedId }) => {
    server.route('/feed.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(doc);
    });
    assert.deepEqual(await t.core.refreshFeed({ feedId }), { added: 0 });
    assert.equal(server.requests.at(-1)!.headers['if-none-match'], '"v1"');
    const announced: number[] = [];
    t.core.events.on('feedChanged', ({ feedId: id }) => announced.push(id));
    const progress = await t.core.refreshAll({});
    assert.deepEqual(progress, { running: false, done: 1, total: 1, failed: 0, added: 0 });
    assert.deepEqual(announced, [], 'a quiet 304 is not announced to every window');
    assert.equal((await feedOf(t, feedId)).lastError, null);
  });
});

test('Last-Modified: the poll asks If-Modified-Since', async () => {
  const stamp = 'Wed, 01 Jan 2026 10:00:00 GMT';
  await withFeed({ 'last-modified': stamp }, async ({ server, t, feedId }) => {
    server.route('/feed.xml', (req, res) => {
      if (req.headers['if-modified-since'] === stamp) res.writeHead(304).end();
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(doc);
    });
    await t.core.refreshAll({});
    assert.equal(server.requests.at(-1)!.headers['if-modified-since'], stamp);
    assert.equal((await feedOf(t, feedId)).lastError, null);
  });
});

for (const status of [429, 503]) {
  test(`${status} with Retry-After: told on the feed, and not asked again before then`, async () => {
    await withFeed({}, async ({ server, t, feedId, hits }) => {
      const retryAfter = status === 429 ? '3600' : new Date(Date.now() + 3_600_000).toUTCString();
      server.route('/feed.xml', (_req, res) => void res.writeHead(status, { 'retry-after': retryAfter }).end());
      await assert.rejects(t.core.refreshFeed({ feedId }), { code: 'HTTP_ERROR' });
      const feed = await feedOf(t, feedId);
      assert.match(feed.lastError!.message, /slow down/);
      const before = hits();
      const progress = await t.core.refreshAll({});
      assert.equal(progress.total, 0, 'the throttled feed is left alone');
      assert.equal(hits(), before);
    });
  });
}

test('410 Gone: polling stops and the feed says so; a manual refresh that works starts it again', async () => {
  await withFeed({}, async ({ server, t, feedId, hits }) => {
    server.route('/feed.xml', (_req, res) => void res.writeHead(410).end());
    await assert.rejects(t.core.refreshFeed({ feedId }));
    assert.match((await feedOf(t, feedId)).lastError!.message, /gone for good/);
    const before = hits();
    assert.equal((await t.core.refreshAll({})).total, 0);
    assert.equal(hits(), before);
    server.route('/feed.xml', send(doc));
    await t.core.refreshFeed({ feedId });
    assert.equal((await t.core.refreshAll({})).total, 1);
  });
});

test('301: the stored feed URL follows the move, and the next poll goes straight there', async () => {
  await withFeed({}, async ({ server, t, feedId, hits }) => {
    server.route('/feed.xml', (_req, res) => void res.writeHead(301, { location: '/moved.xml' }).end());
    server.route('/moved.xml', send(doc));
    await t.core.refreshFeed({ feedId });
    assert.equal((await feedOf(t, feedId)).feedUrl, server.url('/moved.xml'));
    const before = hits();
    await t.core.refreshAll({});
    assert.equal(hits(), before, 'the old address is not asked again');
    assert.equal(hits('/moved.xml'), 2);
  });
});

test('a slow server within the timeout is fine; one beyond it is a TIMEOUT on the feed', async () => {
  await withFeed(
    {},
    async ({ server, t, feedId }) => {
      server.route('/feed.xml', async (_req, res) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(doc);
      });
      assert.deepEqual(await t.core.refreshFeed({ feedId }), { added: 0 });
      server.route('/feed.xml', async (_req, res) => {
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(doc);
      });
      const progress = await t.core.refreshAll({});
      assert.equal(progress.failed, 1);
      assert.equal((await feedOf(t, feedId)).lastError?.code, 'TIMEOUT');
    },
    { timeoutMs: 1_000 },
  );
});

test('refreshing a feed that is not there says so', async () => {
  const t = await startTestCore();
  try {
    await assert.rejects(t.core.refreshFeed({ feedId: 999 }), { code: 'NOT_FOUND' });
  } finally {
    await t.close();
  }
});
