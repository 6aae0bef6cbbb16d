import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, send } from '../support/fixture-server';
import { withTestCore } from '../support/test-core';

/**
 * A websub.rocks-style topic: an h-feed whose entries have no uid and, as their
 * only URL, a fragment of the page numbered by position, newest first.
 */
function positionalPage(posts: string[], href = (i: number) => `#quote-${i}`): string {
  const entries = posts
    .map(
      (text, i) => `<section class="h-entry">
        <a class="u-url" href="${href(i)}">#</a>
        <div class="e-content p-name">${text}</div>
        <div class="p-author h-card">Tester</div>
        <time class="dt-published" datetime="2026-11-2${posts.length - i}T10:00:00+00:00">then</time>
      </section>`,
    )
    .join('\n');
  return `<!doctype html><html><head><title>Test 100</title><link rel="hub" href="https://hub.example/"></head>
    <body><div class="h-feed"><span class="p-name">WebSub Test 100</span>${entries}</div></body></html>`;
}

for (const [urls, href] of [
  ['positional #fragment urls', undefined],
  ['every entry linking to the page itself', () => '/topic'],
] as const) {
  test(`a page that gains a post at the top adds exactly one item and rewrites none (${urls})`, () => gainsAPost(href));
}

const gainsAPost = (href?: (i: number) => string) =>
  withTestCore(async ({ core }) => {
    let posts = ['Second post', 'First post'];
    const site = await startFixtureServer({
      '/topic': (req, res) => send(positionalPage(posts, href), 'text/html')(req, res, Buffer.alloc(0)),
    });
    try {
      const added = await core.addFeed({ url: site.url('/topic') });
      assert.ok('feed' in added);
      assert.equal(added.added, 2);
      const feedId = added.feed.id;
      const before = await Promise.all(
        (await core.listItems({ feedId })).items.map((item) => core.getItem({ itemId: item.id })),
      );
      const changed: number[] = [];
      core.events.on('itemsAdded', ({ items }) => changed.push(...items.map((item) => item.id)));

      posts = ['Third post', ...posts];
      assert.deepEqual(await core.refreshFeed({ feedId }), { added: 1 });
      const after = await Promise.all(
        (await core.listItems({ feedId })).items.map((item) => core.getItem({ itemId: item.id })),
      );
      assert.deepEqual(
        after.map((item) => item.title),
        ['Third post', 'Second post', 'First post'],
      );
      // The two old items are exactly as they were: same ids, same text, same link (the page, not a moved fragment).
      assert.deepEqual(after.slice(1), before);
      assert.ok(after.every((item) => item.link === site.url('/topic')));
      assert.equal(changed.length, 1);
    } finally {
      await site.close();
    }
  });
