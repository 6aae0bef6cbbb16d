import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  offThreadBytes,
  offThreadHtmlBytes,
  offThreadParser,
  parseDocument,
  parseDocuments,
} from '../../src/main/core/feeds/parse-document';
import { AppError } from '../../src/main/core/app-error';
import { atom, rss } from '../support/feeds';

const paragraph = `<p>${'Tides, boats and weather. '.repeat(40)}</p>`;

function bigJsonFeed(count: number): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Big JSON',
    items: Array.from({ length: count }, (_, i) => ({ id: `j${i}`, title: `J ${i}`, content_html: paragraph })),
  });
}

function bigHFeed(count: number): string {
  const entries = Array.from(
    { length: count },
    (_, i) => `<article class="h-entry"><a class="u-url" href="/p/${i}">${i}</a><h2 class="p-name">H ${i}</h2>
      <div class="e-content">${paragraph}</div></article>`,
  ).join('\n');
  return `<!doctype html><html><head><title>Big page</title></head><body><div class="h-feed">${entries}</div></body></html>`;
}

test('big JSON Feeds and h-feed pages are parsed in the worker too, with the same items as on this thread', async () => {
  for (const [make, url] of [
    [bigJsonFeed, 'https://big.example/feed.json'],
    [bigHFeed, 'https://big.example/page'],
  ] as const) {
    const text = make(400);
    assert.ok(text.length > offThreadBytes, `the fixture is big (${text.length})`);
    const before = offThreadParser().count();
    const big = await parseDocument({ text, url });
    assert.equal(offThreadParser().count(), before + 1, `${url} parsed off the main thread`);
    assert.equal(big.items.length, 400);
    const small = await parseDocument({ text: make(3), url });
    assert.equal(offThreadParser().count(), before + 1, 'a small one stays on this thread');
    assert.deepEqual(small.items[2], big.items[2]);
  }
});

test('a batch of documents of every kind goes to the worker in one message and each gets its own result', async () => {
  const before = offThreadParser().count();
  const bytes = Buffer.from(rss('As bytes', [{ id: 'b', title: 'Bytes in, feed out' }]), 'utf8');
  const results = await parseDocuments([
    { text: bigJsonFeed(300), url: 'https://a.example/feed.json' },
    { text: atom('Atom ping', [{ id: 'p', title: 'Pinged' }]), url: 'https://b.example/atom' },
    { text: bytes, url: 'https://c.example/rss', contentType: 'application/rss+xml' },
    { text: '<html><body>no entries</body></html>', url: 'https://d.example/' },
    { text: '<rss><channel><item', url: 'https://e.example/' },
  ]);
  assert.equal(offThreadParser().count(), before + 5, 'all in the worker (their total is over the threshold)');
  const [json, pinged, fromBytes, page, broken] = results;
  assert.ok(!(json instanceof AppError) && json!.items.length === 300);
  assert.ok(!(pinged instanceof AppError) && pinged!.items[0]!.title === 'Pinged');
  assert.ok(!(fromBytes instanceof AppError) && fromBytes!.items[0]!.title === 'Bytes in, feed out');
  assert.ok(page instanceof AppError && page.code === 'NOT_A_FEED');
  assert.ok(broken instanceof AppError && broken.code === 'MALFORMED_FEED');
});

test('web pages go to the worker from a smaller size than feeds, for the DOM and microformats parsers cost more', async () => {
  const page = bigHFeed(30);
  assert.ok(
    page.length > offThreadHtmlBytes && page.length < offThreadBytes,
    `a mid-sized page (${page.length} bytes)`,
  );
  const before = offThreadParser().count();
  const feed = await parseDocument({ text: page, url: 'https://page.example/' });
  assert.equal(feed.items.length, 30);
  assert.equal(offThreadParser().count(), before + 1, 'the page was parsed in the worker');
  const asBytes = await parseDocument({ text: new TextEncoder().encode(page), url: 'https://page.example/' });
  assert.deepEqual(asBytes.items, feed.items);
  assert.equal(offThreadParser().count(), before + 2, 'undecoded bytes of a page too');
  const sameSizeFeed = rss('Mid', [
    { id: 'm', title: 'Mid', content: paragraph.repeat(Math.ceil(page.length / paragraph.length)) },
  ]);
  assert.ok(sameSizeFeed.length >= page.length && sameSizeFeed.length < offThreadBytes);
  await parseDocument({ text: sameSizeFeed, url: 'https://page.example/feed' });
  assert.equal(offThreadParser().count(), before + 2, 'a feed of that size stays on this thread');
});
