import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { discoverHub } from '../../src/main/core/websub/discover-hub';
import { implicitHubFor } from '../../src/main/core/websub/implicit-hubs';
import { describeDelivery } from '../../src/main/core/websub/delivery-status';
import { fetchUrl } from '../../src/main/core/feeds/fetch-url';
import type { Fetcher } from '../../src/main/core/feeds/load-feed';
import { startTestHub, type TestHub } from '../support/test-hub';
import { withTestCore } from '../support/test-core';
import { addFeed, delivery, peekDb } from './push-core';

const channel = 'UCabcdefghijklmnopqrstuv';
const youtubeFeed = `https://www.youtube.com/feeds/videos.xml?channel_id=${channel}`;
const googleHub = 'https://pubsubhubbub.appspot.com/';

test("a YouTube channel feed that names no hub gets Google's hub, with the channel feed as topic", () => {
  // Its own self link is plain http, as YouTube writes it; the topic is the https channel feed.
  const found = discoverHub({
    finalUrl: youtubeFeed,
    linkHeader: null,
    documentLinks: [{ href: `http://www.youtube.com/feeds/videos.xml?channel_id=${channel}`, rels: ['self'] }],
  });
  assert.deepEqual([found.hub, found.topic, found.implicitFor], [googleHub, youtubeFeed, 'YouTube']);
  assert.equal(implicitHubFor([`https://youtube.com/xml/feeds/videos.xml?channel_id=${channel}`])?.topic, youtubeFeed);
});

test('the table is used only when the feed names no hub, and only for the feeds it lists', () => {
  const named = discoverHub({
    finalUrl: youtubeFeed,
    linkHeader: '<https://hub.example/>; rel="hub"',
    documentLinks: [],
  });
  assert.deepEqual([named.hub, named.implicitFor], ['https://hub.example/', null]);
  for (const url of [
    'https://www.youtube.com/feeds/videos.xml?playlist_id=PL123456789012',
    'https://www.youtube.com/channel/' + channel,
    `https://evil.example/feeds/videos.xml?channel_id=${channel}`,
    `https://www.youtube.com.evil.example/feeds/videos.xml?channel_id=${channel}`,
    'https://www.youtube.com/feeds/videos.xml?channel_id=../../x',
  ]) {
    assert.equal(discoverHub({ finalUrl: url, linkHeader: null, documentLinks: [] }).hub, null, url);
  }
});

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());

/** The YouTube feed is served by the test hub, as if it came from www.youtube.com (only loopback here). */
const fromYoutube: Fetcher = async (url, options) => {
  if (!url.startsWith('https://www.youtube.com/')) return fetchUrl(url, options);
  const resource = await fetchUrl(hub.topicUrl('youtube'), options);
  return { ...resource, url };
};

test("adding a YouTube feed records Google's hub for it, and its details say where push comes from", () =>
  withTestCore(
    async ({ core, dataDir }) => {
      hub.setTopic('youtube', {
        title: 'A channel',
        linkHeader: null,
        documentLinks: `<link rel="self" href="http://www.youtube.com/feeds/videos.xml?channel_id=${channel}"/>`,
        entries: [{ id: 'yt:video:one', title: 'First video' }],
      });
      const feedId = await addFeed(core, youtubeFeed);
      const db = peekDb(dataDir);
      const row = db.prepare('SELECT hub_url, topic FROM websub_feeds WHERE feed_id = ?').get(feedId);
      db.close();
      assert.deepEqual(row, { hub_url: googleHub, topic: youtubeFeed });
      // No public address in this test: it waits to subscribe there, and says so.
      const d = await delivery(core, feedId);
      assert.equal(d.hubUrl, googleHub);
      assert.match(d.reason ?? '', /no public address/);
    },
    { fetcher: fromYoutube },
  ));

test('once live, the feed details name the publisher whose hub its feed does not advertise', () => {
  const now = Date.now();
  const d = describeDelivery({
    enabled: true,
    base: 'https://me.example',
    now,
    link: {
      feed_id: 1,
      hub_url: googleHub,
      topic: youtubeFeed,
      discovered_at: now,
      last_ping_at: null,
      rejected_signatures: 0,
      resubscribes: 0,
      last_resubscribe_at: null,
    },
    current: {
      id: 1,
      callback_id: 'x'.repeat(22),
      feed_id: 1,
      hub_url: googleHub,
      advertised_hub: googleHub,
      topic: youtubeFeed,
      base_url: 'https://me.example',
      secret: 's',
      state: 'active',
      pending_mode: null,
      pending_since: null,
      lease_seconds: 432000,
      lease_expires_at: now + 432000_000,
      attempts: 0,
      next_attempt_at: null,
      reason: null,
      created_at: now,
      updated_at: now,
    },
  });
  assert.equal(d.mode, 'push');
  assert.equal(d.reason, 'YouTube pushes through pubsubhubbub.appspot.com, which its feeds do not name.');
});
