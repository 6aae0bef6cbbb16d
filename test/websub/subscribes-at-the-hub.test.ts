import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub, defaultKnobs, type TestHub } from '../support/test-hub';
import { createManualClock } from '../support/manual-clock';
import { addFeed, delivery, peekDb, withPushCore } from './push-core';

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());
beforeEach(() => Object.assign(hub.knobs, defaultKnobs()));

let topics = 0;
const newTopic = () => {
  const name = `t${++topics}`;
  hub.setTopic(name, { entries: [{ id: `${name}-1`, title: 'First' }] });
  return name;
};

test('the request is form-encoded with callback, mode, topic, lease, a secret and hub.verify=async', () =>
  withPushCore(async ({ core }) => {
    const name = newTopic();
    const feedId = await addFeed(core, hub.topicUrl(name));
    const { form } = await hub.waitFor(
      () => hub.requests.find((r) => r.form.get('hub.topic') === hub.topicUrl(name)),
      'request',
    );
    assert.match(form.get('hub.callback')!, new RegExp(`^${core.push.callbackOrigin()}/websub/[A-Za-z0-9_-]{22}$`));
    assert.equal(form.get('hub.mode'), 'subscribe');
    assert.equal(form.get('hub.verify'), 'async');
    assert.match(form.get('hub.lease_seconds')!, /^\d+$/);
    const secret = form.get('hub.secret')!;
    assert.ok(secret.length >= 32 && Buffer.byteLength(secret) < 200);
    await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
    const d = await delivery(core, feedId);
    assert.equal(d.mode, 'push');
    assert.equal(d.hubUrl, hub.hubUrl);
    assert.ok(d.leaseExpiresAt! > Date.now() + 3000 * 1000);
  }));

test('a hub that verifies before it answers finds the subscription already pending', () =>
  withPushCore(async ({ core }) => {
    hub.knobs.verify = 'before';
    const feedId = await addFeed(core, hub.topicUrl(newTopic()));
    await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
    assert.ok(hub.verifications.at(-1)!.ok);
  }));

test('202, 204 and 200 are all accepted', () =>
  withPushCore(async ({ core }) => {
    for (const status of [202, 204, 200]) {
      hub.queueAnswer({ status });
      const feedId = await addFeed(core, hub.topicUrl(newTopic()));
      await hub.waitFor(() => core.push.isPushLive(feedId), `push live after ${status}`);
    }
  }));

test('no secret goes to a plain-http hub unless the setting allows it', () =>
  withPushCore(
    async ({ core }) => {
      const name = newTopic();
      await addFeed(core, hub.topicUrl(name));
      const { form } = await hub.waitFor(
        () => hub.requests.find((r) => r.form.get('hub.topic') === hub.topicUrl(name)),
        'request',
      );
      assert.equal(form.has('hub.secret'), false);
      assert.equal((await core.getSettings({})).allowHttpSecret, false);
    },
    { allowHttpSecret: false },
  ));

test('a 307 is followed once; a 308 is remembered for the unsubscribe', () =>
  withPushCore(async ({ core }) => {
    hub.queueAnswer({ status: 307, headers: { location: hub.directHubUrl } });
    const first = await addFeed(core, hub.topicUrl(newTopic()));
    await hub.waitFor(() => core.push.isPushLive(first), 'live after 307');
    assert.equal((await delivery(core, first)).hubUrl, hub.hubUrl);

    hub.queueAnswer({ status: 308, headers: { location: hub.directHubUrl } });
    const name = newTopic();
    const second = await addFeed(core, hub.topicUrl(name));
    await hub.waitFor(() => core.push.isPushLive(second), 'live after 308');
    assert.equal((await delivery(core, second)).hubUrl, hub.directHubUrl);
    const before = hub.requests.length;
    await core.removeFeed({ feedId: second });
    const unsubscribe = await hub.waitFor(
      () => hub.requests.slice(before).find((r) => r.form.get('hub.mode') === 'unsubscribe'),
      'unsubscribe',
    );
    assert.equal(unsubscribe.path, '/hub/direct');
    assert.equal(unsubscribe.form.get('hub.topic'), hub.topicUrl(name));
  }));

test('a refusal gives a reason the user can read, polling continues, and a retry follows', () =>
  withPushCore(async ({ core }) => {
    hub.queueAnswer({ status: 422, body: 'hub.topic is not on this hub (for developers)' });
    const name = newTopic();
    const feedId = await addFeed(core, hub.topicUrl(name));
    await hub.waitFor(async () => (await delivery(core, feedId)).mode === 'error', 'error mode');
    const failed = await delivery(core, feedId);
    assert.match(failed.reason!, /refused the subscription \(HTTP 422\)/);
    assert.doesNotMatch(failed.reason!, /for developers/);
    assert.equal(core.push.isPushLive(feedId), false);
    // The retry (after a short backoff here) succeeds.
    await hub.waitFor(() => core.push.isPushLive(feedId), 'live after the retry');
    const requests = hub.requests.filter((r) => r.form.get('hub.topic') === hub.topicUrl(name));
    assert.deepEqual(
      requests.map((r) => r.answeredWith),
      [422, 202],
    );
  }));

test('503 with Retry-After: the next try waits as long as the hub asked', async () => {
  const clock = createManualClock(Date.now());
  await withPushCore(
    async ({ core }) => {
      hub.queueAnswer({ status: 503, headers: { 'retry-after': '120' } });
      const name = newTopic();
      const feedId = await addFeed(core, hub.topicUrl(name));
      const mine = () => hub.requests.filter((r) => r.form.get('hub.topic') === hub.topicUrl(name));
      await hub.waitFor(async () => (await delivery(core, feedId)).mode === 'error', 'error mode');
      assert.match((await delivery(core, feedId)).reason!, /busy \(HTTP 503\)/);
      await clock.advance(119_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(mine().length, 1);
      await clock.advance(2_000);
      await hub.waitFor(() => mine().length === 2, 'the retry');
      await hub.waitFor(() => core.push.isPushLive(feedId), 'live after the retry');
    },
    { clock },
  );
});

test('a subscription the hub never verifies expires back to polling, then is tried again', async () => {
  const clock = createManualClock(Date.now());
  await withPushCore(
    async ({ core, dataDir }) => {
      hub.knobs.verify = 'never';
      const name = newTopic();
      const feedId = await addFeed(core, hub.topicUrl(name));
      await hub.waitFor(() => hub.requests.find((r) => r.form.get('hub.topic') === hub.topicUrl(name)), 'request');
      assert.equal((await delivery(core, feedId)).mode, 'pending');
      await clock.advance(1600);
      const expired = await delivery(core, feedId);
      assert.equal(expired.mode, 'error');
      assert.match(expired.reason!, /never confirmed/);
      assert.equal(core.push.isPushLive(feedId), false);
      const db = peekDb(dataDir);
      const row = db.prepare('SELECT next_attempt_at FROM websub_subscriptions WHERE feed_id = ?').get(feedId) as {
        next_attempt_at: number;
      };
      db.close();
      assert.ok(row.next_attempt_at > clock.now());
      hub.knobs.verify = 'after';
      await clock.advance(2_500);
      await hub.waitFor(() => core.push.isPushLive(feedId), 'live after the retry');
    },
    { clock },
  );
});
