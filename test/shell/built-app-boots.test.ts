import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { methodNames, invokeChannel } from '../../src/shared/api';
import { openDb } from '../../src/main/core/db/open-db';
import { createSettingsRepo } from '../../src/main/core/db/settings-repo';
import { makeTempDir } from '../support/temp-dir';
import { startFixtureServer, send } from '../support/fixture-server';
import { rss } from '../support/feeds';
import { offThreadBytes } from '../../src/main/core/feeds/parse-document';
import { bootMain, mainBundle, root } from '../support/boot-main';
import { articlePage } from '../support/article-pages';

/**
 * `npm start` can't run here (no Electron binary), so this boots the very
 * bundle it would run, out/main/index.js, under plain Node with a stand-in for
 * the 'electron' module, and talks to the IPC handlers it registers.
 */
test('the built Electron main process boots: locked-down window, every IPC channel, a working core', async () => {
  assert.ok(existsSync(mainBundle), 'out/main/index.js is missing: npm test builds it with electron-vite first');
  const profile = makeTempDir();
  // The tunnel goes to a loopback port where nothing listens: no traffic leaves the machine.
  const db = openDb(join(profile.path, 'tidings.sqlite'));
  createSettingsRepo(db).set('settings', { tunnelHost: 'http://127.0.0.1:9' });
  db.close();
  const bigEntries = Array.from({ length: 1200 }, (_, i) => ({
    id: `big-${i}`,
    title: `Big ${i}`,
    content: `<p>${'Tides and boats. '.repeat(60)}</p>`,
  }));
  const site = await startFixtureServer({
    '/feed.xml': send(rss('Boot feed', [{ id: 'b1', title: 'Booted' }])),
    // Over a megabyte: parsed in the worker thread, which must start from the bundle too.
    '/big.xml': send(rss('Big boot feed', bigEntries)),
    // The reader view's worker (Readability) must start from the bundle as well.
    '/story': send(articlePage('The harbour lights are switched back on tonight'), 'text/html'),
  });
  const main = await bootMain({ userData: profile.path });
  const { next, call } = main;

  try {
    const window = await next((m) => m.type === 'window');
    const prefs = window.webPreferences as Record<string, unknown>;
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.ok(existsSync(String(prefs.preload)), `the preload it names exists: ${String(prefs.preload)}`);
    const loaded = await next((m) => m.type === 'loaded');
    assert.equal(loaded.file, join(root, 'out', 'renderer', 'index.html'));
    assert.ok(existsSync(String(loaded.file)));

    const ready = await next((m) => m.type === 'ready');
    assert.deepEqual([...(ready.channels as string[])].sort(), methodNames.map(invokeChannel).sort());

    const status = await call('getStatus', {});
    assert.equal(status.ok, true, JSON.stringify(status));
    assert.equal(status.value.version, '0.0.0-stand-in');

    const added = await call('addFeed', { url: site.url('/feed.xml') });
    assert.equal(added.ok, true, JSON.stringify(added));
    assert.equal(added.value.feed.title, 'Boot feed');
    const event = await next((m) => m.type === 'event' && m.channel === 'tidings:event:itemsAdded');
    assert.equal((event.payload as { items: Array<{ title: string }> }).items[0]!.title, 'Booted');

    assert.ok(rss('Big boot feed', bigEntries).length > offThreadBytes, 'the big feed is over the worker threshold');
    const big = await call('addFeed', { url: site.url('/big.xml') });
    assert.equal(big.ok, true, JSON.stringify(big));
    assert.equal(big.value.added, 1200);

    site.route('/story.xml', send(rss('Story feed', [{ id: 's1', title: 'Story', link: site.url('/story') }])));
    const story = await call('addFeed', { url: site.url('/story.xml') });
    const storyItems = await call('listItems', { feedId: story.value.feed.id });
    const article = await call('extractArticle', { itemId: storyItems.value.items[0].id });
    assert.equal(article.ok, true, JSON.stringify(article));
    assert.equal(article.value.title, 'The harbour lights are switched back on tonight');

    const stranger = await call('listFeeds', {}, 'https://evil.example/');
    assert.equal(stranger.ok, false);
    assert.equal(stranger.error!.code, 'FORBIDDEN');
  } finally {
    await main.kill();
    await site.close();
    profile.remove();
  }
});
