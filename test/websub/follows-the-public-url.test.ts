import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub, type TestHub } from '../support/test-hub';
import { atom } from '../support/feeds';
import { addFeed, delivery, withPushCore } from './push-core';

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());

test('without a public URL feeds are polled and the status says why; with one they are pushed', () =>
  withPushCore(
    async ({ core }) => {
      hub.setTopic('later', {});
      const feedId = await addFeed(core, hub.topicUrl('later'));
      const before = await core.getStatus({});
      assert.equal(before.push.state, 'down');
      assert.match(before.push.reason!, /public address/);
      assert.match((await delivery(core, feedId)).reason!, /no public address/);
      assert.equal(hub.requests.length, 0);

      core.push.setPublicBaseUrl(core.push.callbackOrigin());
      await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
      const after = await core.getStatus({});
      assert.deepEqual([after.push.state, after.push.publicUrl], ['up', core.push.callbackOrigin()]);
      assert.equal(after.feedsByMode.push, 1);
    },
    { publicUrl: '' },
  ));

test('a new public URL re-subscribes with callbacks on it; the old callback keeps answering until its lease ends', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('moving-base', {});
    const feedId = await addFeed(core, hub.topicUrl('moving-base'));
    const old = await hub.waitFor(() => hub.subscriptions('moving-base')[0], 'subscribed');
    // The same server under another name, as a new tunnel URL would be.
    const renamed = core.push.callbackOrigin()!.replace('127.0.0.1', 'localhost');
    core.push.setPublicBaseUrl(renamed);
    const fresh = await hub.waitFor(
      () => hub.subscriptions('moving-base').find((s) => s.callback.startsWith(renamed)),
      'a subscription on the new base',
    );
    assert.notEqual(fresh.callback.split('/').at(-1), old.callback.split('/').at(-1));
    await hub.waitFor(() => core.push.isPushLive(feedId), 'live on the new base');
    assert.equal(await hub.deliver(old, atom('m', [{ id: 'old-base', title: 'Via the old callback' }])), 200);
    await core.push.settle();
    assert.ok((await core.listItems({ feedId })).items.some((i) => i.title === 'Via the old callback'));
  }));

test('push switched off in the settings: every feed is polled, and no feed counts as live', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('off', {});
    const feedId = await addFeed(core, hub.topicUrl('off'));
    await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
    await core.updateSettings({ pushEnabled: false });
    assert.equal(core.push.isPushLive(feedId), false);
    assert.equal((await core.getStatus({})).push.state, 'off');
    assert.match((await delivery(core, feedId)).reason!, /turned off/);
  }));
