import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { methodNames } from '../../src/shared/api';
import { startFixtureServer, send, type FixtureServer } from '../support/fixture-server';
import { startTestHost, type TestHost } from '../support/test-host';
import { rss } from '../support/feeds';

let t: TestHost;
let feeds: FixtureServer;
before(async () => {
  t = await startTestHost();
  feeds = await startFixtureServer({ '/feed.xml': send(rss('Host feed', [{ id: '1', title: 'Hello host' }])) });
});
after(async () => {
  await t.close();
  await feeds.close();
});

/** A raw request, so the Host header can be anything (fetch won't let us set it). */
function raw(path: string, headers: Record<string, string>, method = 'GET', body?: string) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: t.host.port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('the API refuses a missing or wrong token with 401', async () => {
  const none = await raw('/api/listFeeds', { host: `127.0.0.1:${t.host.port}` }, 'POST', '{}');
  assert.equal(none.status, 401);
  assert.equal(JSON.parse(none.body).error.code, 'UNAUTHORIZED');
  const wrong = await raw(
    '/api/listFeeds',
    { host: `127.0.0.1:${t.host.port}`, authorization: 'Bearer nope' },
    'POST',
    '{}',
  );
  assert.equal(wrong.status, 401);
});

test('a Host header other than 127.0.0.1/localhost is refused with 403, even with the token (DNS rebinding)', async () => {
  for (const host of ['evil.example', `evil.example:${t.host.port}`, `127.0.0.1.evil.example:${t.host.port}`]) {
    const res = await raw('/api/listFeeds', { host, authorization: `Bearer ${t.token}` }, 'POST', '{}');
    assert.equal(res.status, 403, host);
  }
  const page = await raw('/', { host: 'evil.example' });
  assert.equal(page.status, 403);
  const ok = await raw(
    '/api/listFeeds',
    { host: `localhost:${t.host.port}`, authorization: `Bearer ${t.token}` },
    'POST',
    '{}',
  );
  assert.equal(ok.status, 200);
});

test('unknown method is 404, bad argument is 400 with a readable message, bad JSON is 400', async () => {
  const unknown = await t.call('dropDatabase', {});
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.error.code, 'UNKNOWN_METHOD');
  const bad = await t.call('removeFeed', { feedId: 'seven' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'INVALID_INPUT');
  assert.match(bad.body.error.message, /feedId/);
  const extra = await t.call('listFeeds', { sneaky: true });
  assert.equal(extra.status, 400);
  const json = await raw(
    '/api/listFeeds',
    { host: `127.0.0.1:${t.host.port}`, authorization: `Bearer ${t.token}` },
    'POST',
    '{not json',
  );
  assert.equal(json.status, 400);
});

test('every method of the contract is reachable over HTTP', async () => {
  const added = await t.call('addFeed', { url: feeds.url('/feed.xml') });
  assert.equal(added.status, 200, JSON.stringify(added.body));
  const feedId: number = added.body.value.feed.id;
  const items = await t.call('listItems', { feedId });
  const itemId: number = items.body.value.items[0].id;
  const sample: Record<string, unknown> = {
    addFeed: { url: feeds.url('/feed.xml') }, // already added: a 409, but reachable
    removeFeed: { feedId: 999_999 },
    listFeeds: {},
    listItems: {},
    getItem: { itemId },
    setRead: { itemIds: [itemId], read: true },
    refreshFeed: { feedId },
    getStatus: {},
    getSettings: {},
    updateSettings: {},
  };
  for (const method of methodNames) {
    const arg = sample[method] ?? {};
    const res = await t.call(method, arg);
    // Reachable: answered by the method itself (never 404 UNKNOWN_METHOD), with an envelope.
    assert.notEqual(res.body?.error?.code, 'UNKNOWN_METHOD', method);
    assert.equal(typeof res.body.ok, 'boolean', method);
  }
  assert.equal((await t.call('addFeed', { url: feeds.url('/feed.xml') })).status, 409);
  assert.equal((await t.call('getItem', { itemId })).body.value.read, true);
});

test('the built UI is served with a strict CSP, and paths outside it are 404', async () => {
  const page = await raw('/', { host: `127.0.0.1:${t.host.port}` });
  assert.equal(page.status, 200);
  assert.match(page.body, /<div id="root">/);
  assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
  const escape = await raw('/..%2f..%2fpackage.json', { host: `127.0.0.1:${t.host.port}` });
  assert.equal(escape.status, 404);
});

test('Server-Sent Events deliver itemsAdded with exactly the new items', async () => {
  feeds.route('/sse.xml', send(rss('SSE feed', [{ id: 'one', title: 'Before' }])));
  const added = await t.call('addFeed', { url: feeds.url('/sse.xml') });
  const feedId: number = added.body.value.feed.id;

  const controller = new AbortController();
  const response = await fetch(`${t.origin}/api/events?token=${t.token}`, { signal: controller.signal });
  assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const nextEvent = async (name: string) => {
    for (;;) {
      const match = new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`).exec(buffer);
      if (match) {
        buffer = buffer.slice(match.index + match[0].length);
        return JSON.parse(match[1]!);
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };

  feeds.route(
    '/sse.xml',
    send(
      rss('SSE feed', [
        { id: 'one', title: 'Before' },
        { id: 'two', title: 'Pushed live' },
      ]),
    ),
  );
  const refreshed = t.call('refreshFeed', { feedId });
  const event = await nextEvent('itemsAdded');
  assert.equal(event.feedId, feedId);
  assert.deepEqual(
    event.items.map((i: { title: string }) => i.title),
    ['Pushed live'],
  );
  assert.deepEqual((await refreshed).body.value, { added: 1 });
  controller.abort();
});
