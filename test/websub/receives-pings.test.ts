import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub, defaultKnobs, type TestHub, type SignatureMethod } from '../support/test-hub';
import { atom } from '../support/feeds';
import { signBody } from '../../src/main/core/websub/signature';
import type { TestCore } from '../support/test-core';
import { addFeed, delivery, fastTuning, peekDb, withPushCore } from './push-core';

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());
beforeEach(() => Object.assign(hub.knobs, defaultKnobs()));

let topics = 0;
async function subscribed(core: TestCore['core']) {
  const name = `p${++topics}`;
  hub.setTopic(name, { entries: [{ id: `${name}-old`, title: 'Old news' }] });
  const feedId = await addFeed(core, hub.topicUrl(name));
  await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
  // The hub records the subscription once our echo reached it, just after we went live.
  const subscription = await hub.waitFor(() => hub.subscriptions(name)[0], 'the hub to record it');
  return { name, feedId, subscription };
}
const titles = async (core: TestCore['core'], feedId: number) =>
  (await core.listItems({ feedId })).items.map((i) => i.title).sort();

for (const method of ['sha1', 'sha256', 'sha384', 'sha512'] as SignatureMethod[]) {
  test(`a ping signed with ${method} is stored and its items merged`, () =>
    withPushCore(async ({ core }) => {
      hub.knobs.signature = method;
      const { name, feedId } = await subscribed(core);
      const added: string[] = [];
      const off = core.events.on('itemsAdded', (e) => added.push(...e.items.map((i) => i.title)));
      assert.deepEqual(await hub.publish(name, [{ id: `${name}-new`, title: `Signed ${method}` }]), [
        { callback: hub.subscriptions(name)[0]!.callback, status: 200 },
      ]);
      await core.push.settle();
      off();
      assert.deepEqual(added, [`Signed ${method}`]);
      assert.deepEqual(await titles(core, feedId), ['Old news', `Signed ${method}`]);
      const d = await delivery(core, feedId);
      assert.ok(d.lastPingAt !== null && d.lastPingAt <= Date.now());
    }));
}

test('an unsigned ping is refused with 403 and nothing is stored', () =>
  withPushCore(async ({ core, dataDir }) => {
    hub.knobs.signature = 'none';
    const { name, feedId } = await subscribed(core);
    assert.equal((await hub.publish(name, [{ id: 'u', title: 'Unsigned' }]))[0]!.status, 403);
    await core.push.settle();
    assert.deepEqual(await titles(core, feedId), ['Old news']);
    const db = peekDb(dataDir);
    assert.equal((db.prepare('SELECT count(*) AS n FROM websub_inbox').get() as { n: number }).n, 0);
    db.close();
  }));

test('a wrongly signed ping is acknowledged, dropped and counted', () =>
  withPushCore(async ({ core }) => {
    hub.knobs.signature = 'corrupt';
    const { name, feedId } = await subscribed(core);
    for (const id of ['f1', 'f2']) assert.equal((await hub.publish(name, [{ id, title: 'Forged' }]))[0]!.status, 200);
    await core.push.settle();
    assert.deepEqual(await titles(core, feedId), ['Old news']);
    assert.equal((await delivery(core, feedId)).rejectedSignatures, 2);
  }));

test('an unknown callback answers 410; an oversized body 413', () =>
  withPushCore(
    async ({ core, dataDir }) => {
      const { subscription } = await subscribed(core);
      const gone = { ...subscription, callback: subscription.callback.replace(/[^/]+$/, 'BBBBBBBBBBBBBBBBBBBBBB') };
      assert.equal(await hub.deliver(gone, atom('x', [{ id: 'g', title: 'Gone' }])), 410);
      const big = atom('x', [{ id: 'big', title: 'Big', content: 'x'.repeat(10_000) }]);
      assert.equal(await hub.deliver(subscription, big), 413);
      const db = peekDb(dataDir);
      assert.equal((db.prepare("SELECT count(*) AS n FROM items WHERE key = 'id:big'").get() as { n: number }).n, 0);
      db.close();
    },
    { websubTuning: { ...fastTuning, maxPingBytes: 8 * 1024 } },
  ));

test('the same ping twice adds nothing; a diff payload deletes nothing; a full one adds only what is new', () =>
  withPushCore(async ({ core }) => {
    const { name, feedId, subscription } = await subscribed(core);
    const ping = atom(name, [{ id: 'twice', title: 'Twice' }]);
    assert.equal(await hub.deliver(subscription, ping), 200);
    assert.equal(await hub.deliver(subscription, ping), 200);
    await core.push.settle();
    assert.deepEqual(await titles(core, feedId), ['Old news', 'Twice']);
    hub.knobs.payload = 'full';
    await hub.publish(name, [{ id: 'full', title: 'Full' }]);
    await core.push.settle();
    assert.deepEqual(await titles(core, feedId), ['Full', 'Old news', 'Twice']);
    assert.equal((await core.listFeeds({})).find((f) => f.id === feedId)!.unreadCount, 3);
  }));

test('the callback decides the feed, never the Link rel=self of the delivery', () =>
  withPushCore(async ({ core }) => {
    const a = await subscribed(core);
    const b = await subscribed(core);
    const body = atom('spoof', [{ id: 'routed', title: 'Routed by callback' }]);
    const response = await fetch(a.subscription.callback, {
      method: 'POST',
      headers: {
        'content-type': 'application/atom+xml',
        link: `<${hub.hubUrl}>; rel="hub", <${b.subscription.topic}>; rel="self"`,
        'x-hub-signature': signBody('sha512', body, a.subscription.secret!),
      },
      body,
    });
    assert.equal(response.status, 200);
    await core.push.settle();
    assert.ok((await titles(core, a.feedId)).includes('Routed by callback'));
    assert.ok(!(await titles(core, b.feedId)).includes('Routed by callback'));
  }));

test('without a secret, signatures are ignored (Google signs with an empty key)', () =>
  withPushCore(
    async ({ core }) => {
      hub.knobs.signature = 'corrupt';
      const { name, feedId, subscription } = await subscribed(core);
      assert.equal(subscription.secret, null);
      await hub.deliver({ ...subscription, secret: '' }, atom(name, [{ id: 'g', title: 'Google-style' }]));
      await core.push.settle();
      assert.deepEqual(await titles(core, feedId), ['Google-style', 'Old news']);
    },
    { allowHttpSecret: false },
  ));

test('a ping that carries no feed (a thin ping) makes Tidings fetch the feed', () =>
  withPushCore(async ({ core, dataDir }) => {
    const { name, feedId, subscription } = await subscribed(core);
    hub.setTopic(name, { entries: [{ id: 'fetched', title: 'Fetched after a thin ping' }] });
    const fetches = hub.topicFetches.length;
    assert.equal(await hub.deliver(subscription, '<html><body>updated</body></html>'), 200);
    await hub.waitFor(() => hub.topicFetches.length > fetches, 'a fetch of the topic');
    await hub.waitFor(async () => (await titles(core, feedId)).includes('Fetched after a thin ping'), 'the item');
    const db = peekDb(dataDir);
    assert.equal((db.prepare('SELECT count(*) AS n FROM websub_inbox').get() as { n: number }).n, 0);
    db.close();
  }));
