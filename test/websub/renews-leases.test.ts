import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub, defaultKnobs, type TestHub } from '../support/test-hub';
import { createManualClock } from '../support/manual-clock';
import { addFeed, delivery, withPushCore } from './push-core';

let hub: TestHub;
let other: TestHub;
before(async () => {
  hub = await startTestHub();
  other = await startTestHub();
});
after(async () => {
  await hub.close();
  await other.close();
});
beforeEach(() => Object.assign(hub.knobs, defaultKnobs()));

test('a 30-second lease is renewed before it ends, with a fresh discovery first, on the same callback', async () => {
  const clock = createManualClock(Date.now());
  await withPushCore(
    async ({ core }) => {
      hub.knobs.leaseSeconds = 30;
      hub.setTopic('short', { entries: [{ id: 's1', title: 'One' }] });
      const feedId = await addFeed(core, hub.topicUrl('short'));
      await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
      const firstExpiry = (await delivery(core, feedId)).leaseExpiresAt!;
      assert.equal(firstExpiry, clock.now() + 30_000);
      const requests = () => hub.requests.filter((r) => r.form.get('hub.topic') === hub.topicUrl('short'));
      const fetches = hub.topicFetches.filter((n) => n === 'short').length;

      await clock.advance(24_000);
      assert.equal(requests().length, 1, 'not renewed before 80% of the lease');
      await clock.advance(3_000); // 27 s: inside the 80-90% window, before the lease ends
      await hub.waitFor(() => requests().length === 2, 'the renewal');
      assert.ok(hub.topicFetches.filter((n) => n === 'short').length > fetches, 'discovery ran again');
      assert.equal(requests()[1]!.form.get('hub.callback'), requests()[0]!.form.get('hub.callback'));
      // Live throughout: the renewal overrides the old lease only once verified.
      assert.equal(core.push.isPushLive(feedId), true);
      await hub.waitFor(async () => (await delivery(core, feedId)).leaseExpiresAt! > firstExpiry, 'a new lease');
      assert.ok(clock.now() < firstExpiry);
    },
    { clock },
  );
});

test('a renewal that finds a new hub subscribes there and unsubscribes at the old one (§6.1 migration)', async () => {
  const clock = createManualClock(Date.now());
  await withPushCore(
    async ({ core }) => {
      hub.knobs.leaseSeconds = 100;
      hub.setTopic('moving', {});
      const feedId = await addFeed(core, hub.topicUrl('moving'));
      await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
      hub.setTopic('moving', { linkHeader: `<${other.hubUrl}>; rel="hub", <${hub.topicUrl('moving')}>; rel="self"` });
      await clock.advance(86_000);
      const moved = await other.waitFor(
        () => other.requests.find((r) => r.form.get('hub.topic') === hub.topicUrl('moving')),
        'a subscription at the new hub',
      );
      await hub.waitFor(
        () => hub.requests.find((r) => r.form.get('hub.mode') === 'unsubscribe'),
        'an unsubscribe at the old hub',
      );
      await hub.waitFor(async () => (await delivery(core, feedId)).hubUrl === other.hubUrl, 'the new hub in use');
      await hub.waitFor(() => core.push.isPushLive(feedId), 'push live again');
      assert.notEqual(moved.form.get('hub.callback'), hub.requests[0]!.form.get('hub.callback'));
    },
    { clock },
  );
});
