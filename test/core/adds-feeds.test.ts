import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startFixtureServer, send, type FixtureServer } from '../support/fixture-server';
import { startTestCore, type TestCore, withTestCore } from '../support/test-core';
import { rss } from '../support/feeds';
import { openDb } from '../../src/main/core/db/open-db';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', name));

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server.close());

const withCore = withTestCore;

test('adding a feed URL stores the feed and its items, and announces exactly the new items', () =>
  withCore(async ({ core, dataDir }) => {
    server.route('/harbour.xml', send(fixture('rss2-content-encoded.xml')));
    const announced: number[] = [];
    const off = core.events.on('itemsAdded', ({ items }) => announced.push(...items.map((i) => i.id)));
    const result = await core.addFeed({ url: server.url('/harbour.xml') });
    off();
    assert.ok('feed' in result);
    assert.equal(result.feed.title, 'Harbour & Tide News');
    assert.equal(result.added, 3);
    assert.equal(result.feed.unreadCount, 3);
    assert.equal(announced.length, 3);

    const page = await core.listItems({ feedId: result.feed.id });
    // Newest first; the undated item counts as seen now.
    assert.deepEqual(
      page.items.map((i) => i.title),
      ['An item with neither title, guid nor link.', 'High tide at <noon>', 'No guid, just a link'],
    );
    // The data is really on disk: a second connection to the file sees it.
    const db = openDb(join(dataDir, 'tidings.sqlite'));
    assert.equal((db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n, 3);
    db.close();
  }));

test('a second fetch of an unchanged feed adds nothing; a changed item is updated in place, keeping read state', () =>
  withCore(async ({ core }) => {
    let body = rss('Changing', [
      { id: 'a', title: 'First', published: '2026-11-01T00:00:00Z' },
      { id: 'b', title: 'Second', published: '2026-11-02T00:00:00Z' },
    ]);
    server.route('/changing.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'text/xml' }).end(body));
    const result = await core.addFeed({ url: server.url('/changing.xml') });
    assert.ok('feed' in result);
    const feedId = result.feed.id;
    assert.deepEqual(await core.refreshFeed({ feedId }), { added: 0 });

    const first = (await core.listItems({ feedId })).items.find((i) => i.title === 'First')!;
    await core.setRead({ itemIds: [first.id], read: true });
    body = rss('Changing', [
      { id: 'a', title: 'First, corrected', published: '2026-11-01T00:00:00Z' },
      { id: 'b', title: 'Second', published: '2026-11-02T00:00:00Z' },
      { id: 'c', title: 'Third', published: '2026-11-03T00:00:00Z' },
    ]);
    assert.deepEqual(await core.refreshFeed({ feedId }), { added: 1 });
    const items = (await core.listItems({ feedId })).items;
    assert.deepEqual(
      items.map((i) => [i.title, i.read]),
      [
        ['Third', false],
        ['Second', false],
        ['First, corrected', true],
      ],
    );
    const [feed] = await core.listFeeds({});
    assert.equal(feed!.unreadCount, 2);
  }));

test('conditional GET: the stored ETag is sent back and a 304 costs no parse', () =>
  withCore(async ({ core }) => {
    let hits = 0;
    server.route('/etag.xml', (req, res) => {
      hits++;
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res
        .writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' })
        .end(rss('Etag', [{ id: '1', title: 'One' }]));
    });
    const result = await core.addFeed({ url: server.url('/etag.xml') });
    assert.ok('feed' in result);
    assert.deepEqual(await core.refreshFeed({ feedId: result.feed.id }), { added: 0 });
    assert.equal(hits, 2);
    assert.equal((await core.listFeeds({}))[0]!.lastError, null);
  }));

test('a web page with one advertised feed adds that feed; with two it offers a choice', () =>
  withCore(async ({ core }) => {
    server.route(
      '/one.html',
      send(
        `<html><head><link rel="alternate" type="application/atom+xml" href="/lighthouse.xml"></head></html>`,
        'text/html',
      ),
    );
    server.route('/lighthouse.xml', send(fixture('atom-xhtml.xml'), 'application/atom+xml'));
    const one = await core.addFeed({ url: server.url('/one.html') });
    assert.ok('feed' in one);
    assert.equal(one.feed.title, 'Lighthouse Log');
    assert.equal(one.feed.feedUrl, server.url('/lighthouse.xml'));

    server.route('/blog/', send(fixture('two-feeds.html'), 'text/html; charset=utf-8'));
    const two = await core.addFeed({ url: server.url('/blog/') });
    assert.ok('choices' in two);
    assert.deepEqual(
      two.choices.map((c) => c.url),
      [server.url('/posts.rss'), server.url('/blog/comments.atom'), server.url('/videos.rss')],
    );
    assert.equal((await core.listFeeds({})).length, 1, 'offering choices stores nothing');
  }));

test('a page that advertises no feed is searched at the usual places', async () => {
  const site = await startFixtureServer({
    '/': send('<!doctype html><html><head><title>Plain</title></head><body>hi</body></html>', 'text/html'),
    '/rss.xml': send(rss('Guessed', [{ id: 'g', title: 'Found by guessing' }])),
  });
  try {
    await withCore(async ({ core }) => {
      const result = await core.addFeed({ url: site.url('/') });
      assert.ok('feed' in result);
      assert.equal(result.feed.title, 'Guessed');
      assert.equal(result.feed.feedUrl, site.url('/rss.xml'));
    });
  } finally {
    await site.close();
  }
});

test('redirects are followed and a permanent move is stored as the feed URL; gzip is decoded', () =>
  withCore(async ({ core }) => {
    server.route('/old.xml', (_req, res) => void res.writeHead(301, { location: '/moved/new.xml' }).end());
    server.route(
      '/moved/new.xml',
      (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' })
          .end(gzipSync(rss('Moved', [{ id: 'm', title: 'Here now' }]))),
    );
    const result = await core.addFeed({ url: server.url('/old.xml') });
    assert.ok('feed' in result);
    assert.equal(result.feed.feedUrl, server.url('/moved/new.xml'));
    await assert.rejects(core.addFeed({ url: server.url('/old.xml') }), { code: 'ALREADY_EXISTS' });
  }));

test('bad input ends in a clear error code and stores nothing', () =>
  withCore(async ({ core }) => {
    server.route('/404.xml', (_req, res) => void res.writeHead(404).end('gone'));
    server.route('/500.xml', (_req, res) => void res.writeHead(500).end('oops'));
    server.route('/nothing.html', send('<html><head></head><body>no feeds</body></html>', 'text/html'));
    server.route('/data.json', send('{"not":"a feed"}', 'application/json'));
    // Read leniently as far as it goes; this one ends before anything readable.
    server.route('/broken.xml', send('<rss version="2.0"><channel><item><tit'));
    server.route('/huge.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(Buffer.alloc(2 * 1024 * 1024, 'a'));
    });
    const cases: Array<[string, string]> = [
      ['not a url', 'INVALID_URL'],
      ['ftp://example.com/feed', 'INVALID_URL'],
      [server.url('/404.xml'), 'HTTP_ERROR'],
      [server.url('/500.xml'), 'HTTP_ERROR'],
      [server.url('/data.json'), 'NOT_A_FEED'],
      // A page with no feed: the guesses at the site root are 404 here (the shared server has none of them).
      [server.url('/nothing.html'), 'NO_FEED_FOUND'],
      [server.url('/broken.xml'), 'MALFORMED_FEED'],
      ['http://does-not-exist.invalid/feed', 'DNS_FAILURE'],
      ['http://127.0.0.1:1/feed', 'UNREACHABLE'],
    ];
    for (const [url, code] of cases) {
      await assert.rejects(core.addFeed({ url }), (error: { code: string; message: string }) => {
        assert.equal(error.code, code, `${url}: ${error.message}`);
        assert.ok(error.message.length > 10 && !/\n\s+at /.test(error.message), 'a sentence, not a stack');
        return true;
      });
    }
    const t = await startTestCore({ fetchOptions: { maxBytes: 1024 * 1024, timeoutMs: 3000 } });
    try {
      await assert.rejects(t.core.addFeed({ url: server.url('/huge.xml') }), { code: 'TOO_LARGE' });
    } finally {
      await t.close();
    }
    assert.deepEqual(await core.listFeeds({}), []);
    assert.equal((await core.listItems({})).items.length, 0);
  }));
