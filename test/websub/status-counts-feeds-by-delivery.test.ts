import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeliveryMode } from '../../src/shared/api';
import { startTestHub } from '../support/test-hub';
import { startFixtureServer, send } from '../support/fixture-server';
import { rss } from '../support/feeds';
import { addFeed, withPushCore } from './push-core';

test('getStatus counts feeds by delivery mode exactly as listFeeds reports them, and listFeeds as each feed alone', async () => {
  const hub = await startTestHub({ signature: 'sha256' });
  const site = await startFixtureServer({ '/plain.xml': send(rss('Plain', [{ id: 'p', title: 'Polled' }])) });
  try {
    await withPushCore(async ({ core }) => {
      hub.setTopic('live', { title: 'Live', entries: [{ id: 'l', title: 'Pushed' }] });
      hub.setTopic('refused', { title: 'Refused', entries: [{ id: 'r', title: 'Refused' }] });
      await addFeed(core, site.url('/plain.xml'));
      await addFeed(core, hub.topicUrl('live'));
      await hub.waitFor(() => hub.subscriptions('live')[0], 'subscribed');
      hub.queueAnswer({ status: 422, body: 'topic not accepted here' });
      await addFeed(core, hub.topicUrl('refused'));
      await core.push.settle();

      const fromFeeds: Record<DeliveryMode, number> = { push: 0, pending: 0, polling: 0, denied: 0, error: 0 };
      for (const feed of await core.listFeeds({})) fromFeeds[feed.delivery.mode]++;
      const status = await core.getStatus({});
      assert.deepEqual(status.feedsByMode, fromFeeds);
      assert.equal(status.feedsByMode.push, 1);
      assert.equal(status.feedCount, 3);

      // listFeeds reads every delivery in one pass: each must be what the feed alone reports.
      for (const feed of await core.listFeeds({})) {
        assert.deepEqual(feed, await core.moveFeed({ feedId: feed.id, folderId: null }), feed.title);
      }
    });
  } finally {
    await hub.close();
    await site.close();
  }
});
