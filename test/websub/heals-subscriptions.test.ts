import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { maxLeaseSeconds } from '../../src/main/core/websub/verify-intent';
import { startTestHub, defaultKnobs, type TestHub } from '../support/test-hub';
import { createManualClock } from '../support/manual-clock';
import { addFeed, delivery, withPushCore } from './push-core';

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());
beforeEach(() => Object.assign(hub.knobs, defaultKnobs()));

const requestsFor = (name: string) => hub.requests.filter((r) => r.form.get('hub.topic') === hub.topicUrl(name));
const titles = async (core: Parameters<Parameters<typeof withPushCore>[0]>[0]['core'], feedId: number) =>
  (await core.listItems({ feedId })).items.map((i) => i.title).sort();

test('a refresh that finds items a silent hub never delivered subscribes again at once, counts it and says so', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('silent', { entries: [{ id: 'a', title: 'A' }] });
    const feedId = await addFeed(core, hub.topicUrl('silent'));
    await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
    const callback = requestsFor('silent')[0]!.form.get('hub.callback');

    hub.knobs.silent = true;
    assert.deepEqual(await hub.publish('silent', [{ id: 'b', title: 'B, never delivered' }]), []);
    assert.equal((await core.refreshFeed({ feedId })).added, 1);

    const again = await hub.waitFor(() => requestsFor('silent')[1], 'a second subscription request');
    assert.equal(again.form.get('hub.mode'), 'subscribe');
    assert.equal(again.form.get('hub.callback'), callback, 'the same callback: the hub is asked to remember it');
    const healed = await delivery(core, feedId);
    assert.equal(healed.mode, 'push');
    assert.equal(healed.resubscribes, 1);
    assert.ok(healed.lastResubscribeAt !== null);
    assert.match(healed.reason ?? '', /The hub stopped delivering; subscribed again/);
    // Until the hub proves itself, the feed is polled as usual, not only by the safety poll.
    assert.equal(core.push.isPushLive(feedId), false);

    hub.knobs.silent = false;
    await hub.waitFor(() => hub.subscriptions('silent').length > 0, 'the hub to verify again');
    const [delivered] = await hub.publish('silent', [{ id: 'c', title: 'C, pushed again' }]);
    assert.equal(delivered!.status, 200);
    await hub.waitFor(() => core.push.isPushLive(feedId), 'live by push once the hub delivers again');
    await core.push.settle();
    assert.deepEqual(await titles(core, feedId), ['A', 'B, never delivered', 'C, pushed again']);
    assert.equal(
      (await delivery(core, feedId)).reason,
      'The hub stopped delivering once; subscribed again, and it delivers again.',
    );
  }));

test('a refresh that finds nothing new, or that a thin ping asked for, is no sign of a forgetful hub', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('thin', { entries: [{ id: 'a', title: 'A' }] });
    const feedId = await addFeed(core, hub.topicUrl('thin'));
    await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
    await hub.waitFor(() => hub.subscriptions('thin')[0], 'the hub to record it');
    assert.equal((await core.refreshFeed({ feedId })).added, 0);

    // A thin ping: the hub says "something changed" with no readable body; Tidings fetches the topic.
    hub.knobs.silent = true;
    await hub.publish('thin', [{ id: 'b', title: 'B, announced thinly' }]);
    assert.equal(await hub.deliver(hub.subscriptions('thin')[0]!, ''), 200);
    await hub.waitFor(async () => (await titles(core, feedId)).length === 2, 'the fetch the thin ping asked for');
    await core.push.settle();
    assert.equal(requestsFor('thin').length, 1, 'no second subscription');
    const d = await delivery(core, feedId);
    assert.deepEqual([d.mode, d.resubscribes, d.reason], ['push', 0, null]);
    assert.equal(core.push.isPushLive(feedId), true);
  }));

test('a hub that dropped us after one failed delivery (WordPress.com) is found out by the safety poll and asked again', async () => {
  const clock = createManualClock(Date.now());
  await withPushCore(
    async ({ core }) => {
      hub.knobs.deactivateOnFailure = true;
      hub.knobs.leaseSeconds = 10 * 24 * 3600;
      hub.setTopic('dropped', { entries: [{ id: 'a', title: 'A' }] });
      const feedId = await addFeed(core, hub.topicUrl('dropped'));
      await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
      await hub.waitFor(() => hub.subscriptions('dropped')[0], 'the hub to record it');

      // One unsigned delivery is refused (403), and this hub forgets the subscription for it.
      hub.knobs.signature = 'none';
      const [refused] = await hub.publish('dropped', [{ id: 'b', title: 'B, refused unsigned' }]);
      assert.equal(refused!.status, 403);
      assert.equal(hub.subscriptions('dropped').length, 0);
      hub.knobs.signature = 'sha256';
      assert.deepEqual(await hub.publish('dropped', [{ id: 'c', title: 'C, nobody told' }]), []);

      // The safety poll (12 hours for a feed live by push) finds both, and Tidings subscribes again.
      await clock.advance(13 * 3600_000);
      await hub.waitFor(() => requestsFor('dropped').length >= 2, 'a subscription request after the safety poll');
      await hub.waitFor(() => hub.subscriptions('dropped')[0], 'the hub to have us again');
      await core.push.settle();
      assert.deepEqual(await titles(core, feedId), ['A', 'B, refused unsigned', 'C, nobody told']);
      assert.equal((await delivery(core, feedId)).resubscribes, 1);

      const [delivered] = await hub.publish('dropped', [{ id: 'd', title: 'D, pushed' }]);
      assert.equal(delivered!.status, 200);
      await hub.waitFor(async () => (await titles(core, feedId)).includes('D, pushed'), 'the pushed item');
    },
    { clock },
  );
});

test('a ten-year lease is still renewed within 10 days, so a hub that forgot us is asked again', async () => {
  const clock = createManualClock(Date.now());
  await withPushCore(
    async ({ core }) => {
      const tenYears = 10 * 365 * 24 * 3600;
      hub.knobs.leaseSeconds = tenYears;
      hub.setTopic('decade', {});
      const feedId = await addFeed(core, hub.topicUrl('decade'));
      await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
      const lease = (await delivery(core, feedId)).leaseExpiresAt!;
      // Taken as at most a year (verify-intent.ts bounds what comes from outside): still far beyond 10 days.
      assert.equal(lease, clock.now() + Math.min(tenYears, maxLeaseSeconds) * 1000);

      await clock.advance(9 * 24 * 3600_000);
      assert.equal(requestsFor('decade').length, 1, 'not renewed within 9 days');
      await clock.advance(24 * 3600_000 + 1000);
      const renewal = await hub.waitFor(() => requestsFor('decade')[1], 'a renewal by day 10');
      assert.equal(renewal.form.get('hub.callback'), requestsFor('decade')[0]!.form.get('hub.callback'));
      await hub.waitFor(async () => (await delivery(core, feedId)).leaseExpiresAt! > lease, 'the renewed lease');

      await clock.advance(10 * 24 * 3600_000 + 1000);
      await hub.waitFor(() => requestsFor('decade').length === 3, 'and again 10 days later');
    },
    { clock },
  );
});
