import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync, brotliCompressSync, deflateSync } from 'node:zlib';
import { fetchUrl } from '../../src/main/core/feeds/fetch-url';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server.close());

test('gzip, deflate and br bodies are decoded', async () => {
  const text = '<rss>compressed</rss>';
  const encoders = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
  for (const [encoding, encode] of Object.entries(encoders)) {
    server.route(
      `/${encoding}`,
      (_req, res) => void res.writeHead(200, { 'content-encoding': encoding }).end(encode(Buffer.from(text))),
    );
    const result = await fetchUrl(server.url(`/${encoding}`));
    assert.equal(result.body.toString(), text, encoding);
  }
});

test('up to 5 redirects are followed; the 6th is TOO_MANY_REDIRECTS', async () => {
  for (let i = 0; i < 7; i++) {
    server.route(`/hop${i}`, (_req, res) => void res.writeHead(302, { location: `/hop${i + 1}` }).end());
  }
  server.route('/hop7', (_req, res) => void res.writeHead(200).end('end'));
  server.route('/five0', (_req, res) => void res.writeHead(302, { location: '/hop3' }).end());
  const five = await fetchUrl(server.url('/five0'));
  assert.equal(five.url, server.url('/hop7'));
  assert.equal(five.movedTo, null, 'temporary redirects do not move the feed');
  await assert.rejects(fetchUrl(server.url('/hop0')), { code: 'TOO_MANY_REDIRECTS' });
});

test('a permanent chain reports where the resource moved; a temporary hop in it cancels that', async () => {
  server.route('/p1', (_req, res) => void res.writeHead(301, { location: '/p2' }).end());
  server.route('/p2', (_req, res) => void res.writeHead(308, { location: '/p3' }).end());
  server.route('/p3', (_req, res) => void res.writeHead(200).end('here'));
  assert.equal((await fetchUrl(server.url('/p1'))).movedTo, server.url('/p3'));
  server.route('/t1', (_req, res) => void res.writeHead(301, { location: '/t2' }).end());
  server.route('/t2', (_req, res) => void res.writeHead(307, { location: '/p3' }).end());
  assert.equal((await fetchUrl(server.url('/t1'))).movedTo, null);
});

test('an oversized body is refused, whether declared, streamed without a length, or decompressed', async () => {
  const cap = 64 * 1024;
  server.route(
    '/declared',
    (_req, res) => void res.writeHead(200, { 'content-length': String(cap * 2) }).end(Buffer.alloc(cap * 2)),
  );
  server.route('/chunked', (_req, res) => {
    res.writeHead(200);
    for (let i = 0; i < 10; i++) res.write(Buffer.alloc(cap / 4));
    res.end();
  });
  // 1 MB of zeros compresses to about 1 KB: the cap must apply to what we decode, not what we receive.
  server.route(
    '/bomb',
    (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(1024 * 1024))),
  );
  for (const path of ['/declared', '/chunked', '/bomb']) {
    await assert.rejects(fetchUrl(server.url(path), { maxBytes: cap }), { code: 'TOO_LARGE' }, path);
  }
});

test('a server that never finishes is a TIMEOUT', async () => {
  server.route('/slow', (_req, res) => {
    res.writeHead(200);
    res.write('<rss>');
    // never ends
  });
  server.route('/silent', () => {
    // never answers
  });
  for (const path of ['/slow', '/silent']) {
    await assert.rejects(fetchUrl(server.url(path), { timeoutMs: 300 }), (error: { code: string; message: string }) => {
      assert.equal(error.code, 'TIMEOUT', path);
      assert.match(error.message, /did not answer/);
      return true;
    });
  }
});

test('a redirect to an address that is not one, or not on the web, is said in words (HTTP_ERROR), never INTERNAL', async () => {
  for (const [path, location] of [
    ['/broken', 'http://['],
    ['/elsewhere', 'ftp://files.example/feed'],
    ['/script', 'javascript:alert(1)'],
  ] as const) {
    server.route(path, (_req, res) => void res.writeHead(302, { location }).end());
    await assert.rejects(fetchUrl(server.url(path)), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'HTTP_ERROR', location);
      assert.match(error.message, /sent a broken redirect|redirected to an address Tidings cannot read/);
      return true;
    });
  }
});
