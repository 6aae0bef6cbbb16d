import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer, send, type FixtureServer } from '../support/fixture-server';
import { withTestCore } from '../support/test-core';
import { atom } from '../support/feeds';
import { fetchUrl } from '../../src/main/core/feeds/fetch-url';
import type { Fetcher } from '../../src/main/core/feeds/load-feed';

const hfeedPage = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'formats', 'h-feed-page.html'), 'utf8');
const withoutHub = hfeedPage.replace(/<link rel="hub" href="https:\/\/hub\.example\/"[^>]*>/, '');

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer({
    '/notes.atom': send(atom('Quay Notes (Atom)', [{ id: 'a1', title: 'From Atom' }]), 'application/atom+xml'),
  });
});
after(() => server.close());

test('a page with a hub in its <head> and its own h-entries is the feed itself, though it lists an Atom alternate', () =>
  withTestCore(async ({ core }) => {
    server.route('/hub-in-head', send(hfeedPage, 'text/html'));
    const result = await core.addFeed({ url: server.url('/hub-in-head') });
    assert.ok('feed' in result, 'no choice is offered');
    assert.equal(result.feed.feedUrl, server.url('/hub-in-head'));
    assert.equal(result.feed.title, 'Quay Notes');
    assert.equal(result.added, 2);
  }));

test('a hub named only in an HTTP Link header makes the page the feed too', () =>
  withTestCore(async ({ core }) => {
    server.route('/hub-in-header', send(withoutHub, 'text/html', { link: '<https://hub.example/>; rel=hub' }));
    const result = await core.addFeed({ url: server.url('/hub-in-header') });
    assert.ok('feed' in result);
    assert.equal(result.feed.feedUrl, server.url('/hub-in-header'));
  }));

test('without a hub, a page with alternates and h-entries offers itself among the choices, and choosing it adds the page', () =>
  withTestCore(async ({ core }) => {
    server.route('/no-hub', send(withoutHub, 'text/html'));
    const result = await core.addFeed({ url: server.url('/no-hub') });
    assert.ok('choices' in result);
    assert.deepEqual(
      result.choices.map((choice) => [choice.url, choice.type]),
      [
        [server.url('/no-hub'), 'text/html'],
        [server.url('/notes.atom'), 'application/atom+xml'],
      ],
    );
    assert.equal(result.choices[0]!.title, 'Quay Notes (this page)');
    const page = await core.addFeed({ url: server.url('/no-hub'), asPage: true });
    assert.ok('feed' in page);
    assert.equal(page.feed.feedUrl, server.url('/no-hub'));
    const atomFeed = await core.addFeed({ url: result.choices[1]!.url });
    assert.ok('feed' in atomFeed);
    assert.equal(atomFeed.feed.title, 'Quay Notes (Atom)');
  }));

test('a page with h-entries and no alternates is the feed', () =>
  withTestCore(async ({ core }) => {
    server.route('/only-entries', send(withoutHub.replace(/<link rel="alternate"[^>]*>/, ''), 'text/html'));
    const result = await core.addFeed({ url: server.url('/only-entries') });
    assert.ok('feed' in result);
    const items = await core.listItems({ feedId: result.feed.id });
    assert.deepEqual(items.items.map((item) => item.title).sort(), [
      'A note without a title: the tide is late.',
      'Fog horn tested',
    ]);
  }));

// YouTube's pages, served from loopback: the fetcher sends youtube.com's requests to the fixture server.
const youtube: Fetcher = (url, options) => fetchUrl(url.replace('https://www.youtube.com', server.origin), options);
const channel = 'UCabcdefghijklmnopqrstuv';

test('YouTube channel, handle and user pages lead to the channel feed', () =>
  withTestCore(
    async ({ core }) => {
      server.route(
        '/feeds/videos.xml',
        send(atom('Harbour Channel', [{ id: 'yt:video:1', title: 'Boats at dawn' }]), 'application/atom+xml'),
      );
      const handlePage = `<!doctype html><html><head><title>Harbour</title>
        <link rel="canonical" href="https://www.youtube.com/channel/${channel}"></head><body>…</body></html>`;
      server.route('/@harbour', send(handlePage, 'text/html'));
      server.route('/user/harbour', send(handlePage, 'text/html'));
      const byHandle = await core.addFeed({ url: 'https://www.youtube.com/@harbour' });
      assert.ok('feed' in byHandle);
      assert.equal(byHandle.feed.feedUrl, `https://www.youtube.com/feeds/videos.xml?channel_id=${channel}`);
      await core.removeFeed({ feedId: byHandle.feed.id });
      const byUser = await core.addFeed({ url: 'https://www.youtube.com/user/harbour' });
      assert.ok('feed' in byUser);
      assert.equal(byUser.feed.feedUrl, `https://www.youtube.com/feeds/videos.xml?channel_id=${channel}`);
      await core.removeFeed({ feedId: byUser.feed.id });
      const byChannel = await core.addFeed({ url: `https://www.youtube.com/channel/${channel}/videos` });
      assert.ok('feed' in byChannel);
      assert.equal(byChannel.feed.title, 'Harbour Channel');
      assert.ok(
        !server.requests.some((request) => request.path.startsWith('/channel/')),
        'a channel URL needs no page fetch',
      );
    },
    { fetcher: youtube },
  ));
