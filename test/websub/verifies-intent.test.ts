import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub, defaultKnobs, type TestHub } from '../support/test-hub';
import { addFeed, delivery, withPushCore } from './push-core';
import type { TestCore } from '../support/test-core';

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());
beforeEach(() => Object.assign(hub.knobs, defaultKnobs()));

let topics = 0;
async function subscribed(core: TestCore['core'], topicQuery = '') {
  const name = `v${++topics}`;
  const self = hub.topicUrl(name) + topicQuery;
  hub.setTopic(name, { linkHeader: `<${hub.hubUrl}>; rel="hub", <${self}>; rel="self"` });
  const feedId = await addFeed(core, hub.topicUrl(name));
  await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
  await hub.waitFor(() => hub.subscriptions().find((s) => s.topic === self), 'the hub to record it');
  const callback = hub.requests.find((r) => r.form.get('hub.topic') === self)!.form.get('hub.callback')!;
  return { name, feedId, callback, topic: self };
}

async function get(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, body: await response.text(), headers: response.headers };
}
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

test('the challenge is echoed exactly, as text/plain with nosniff', () =>
  withPushCore(async ({ core }) => {
    const { callback, topic } = await subscribed(core);
    const challenge = '<script>alert(1)</script> 16832595826105906514';
    const answer = await get(
      `${callback}?${query({ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.challenge': challenge, 'hub.lease_seconds': '432000' })}`,
    );
    assert.equal(answer.status, 200);
    assert.equal(answer.body, challenge);
    assert.match(answer.headers.get('content-type')!, /^text\/plain/);
    assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
    // A hub refreshing on its own is answered too (the user still wants the feed), and its lease counts.
    assert.ok((await hub.reverify(hub.subscriptions().find((s) => s.callback === callback)!)).ok);
  }));

test('404 for an unknown callback, another topic, an unsubscribe we did not ask for, or no challenge', () =>
  withPushCore(async ({ core }) => {
    const { callback, topic, feedId } = await subscribed(core);
    const unknown = callback.replace(/\/websub\/.*/, '/websub/AAAAAAAAAAAAAAAAAAAAAA');
    const cases = [
      `${unknown}?${query({ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.challenge': 'x' })}`,
      `${callback}?${query({ 'hub.mode': 'subscribe', 'hub.topic': hub.topicUrl('other'), 'hub.challenge': 'x' })}`,
      `${callback}?${query({ 'hub.mode': 'unsubscribe', 'hub.topic': topic, 'hub.challenge': 'x' })}`,
      `${callback}?${query({ 'hub.mode': 'subscribe', 'hub.topic': topic })}`,
      `${callback}?${query({ 'hub.mode': 'publish', 'hub.topic': topic, 'hub.challenge': 'x' })}`,
    ];
    for (const url of cases) assert.equal((await get(url)).status, 404, url);
    // A forged unsubscribe changed nothing.
    assert.equal(core.push.isPushLive(feedId), true);
    // Only /websub/<id> and /health exist on the callback server.
    const origin = core.push.callbackOrigin()!;
    assert.equal((await get(`${origin}/health`)).status, 200);
    assert.equal((await get(`${origin}/api/listFeeds`)).status, 404);
    assert.equal((await get(`${callback}/`)).status, 404);
  }));

test('a topic sent in another form still matches: percent-encoded differently, encoded twice, or with an unencoded &', () =>
  withPushCore(async ({ core }) => {
    const { callback, topic } = await subscribed(core, '?x=1&y=%7Eme');
    const plain = topic.replace('%7E', '~');
    assert.notEqual(plain, topic);
    const variants = [
      query({ 'hub.mode': 'subscribe', 'hub.topic': plain, 'hub.challenge': 'c1' }),
      query({ 'hub.mode': 'subscribe', 'hub.topic': encodeURIComponent(topic), 'hub.challenge': 'c2' }),
      // Webubbub concatenates without encoding: the topic's own & splits it.
      `hub.mode=subscribe&hub.topic=${topic}&hub.challenge=c3`,
    ];
    for (const [i, q] of variants.entries()) {
      const answer = await get(`${callback}?${q}`);
      assert.deepEqual([answer.status, answer.body], [200, `c${i + 1}`], q);
    }
  }));

test("without hub.lease_seconds the lease is one day, and the hub's own figure wins otherwise", () =>
  withPushCore(async ({ core }) => {
    hub.knobs.leaseSeconds = null;
    const { feedId } = await subscribed(core);
    const oneDay = (await delivery(core, feedId)).leaseExpiresAt! - Date.now();
    assert.ok(oneDay > 86_000_000 && oneDay <= 86_400_000, String(oneDay));
    hub.knobs.leaseSeconds = 777;
    const { feedId: other } = await subscribed(core);
    const granted = (await delivery(core, other)).leaseExpiresAt! - Date.now();
    assert.ok(granted > 770_000 && granted <= 777_000, String(granted));
  }));

test("denial: the feed is marked denied with the hub's reason, and polled", () =>
  withPushCore(async ({ core }) => {
    const { name, feedId, callback } = await subscribed(core);
    // A denial for another topic is not ours to act on.
    await get(`${callback}?${query({ 'hub.mode': 'denied', 'hub.topic': hub.topicUrl('nope'), 'hub.reason': 'x' })}`);
    assert.equal(core.push.isPushLive(feedId), true);
    assert.deepEqual(await hub.deny(name, 'Topic not allowed here'), [200]);
    const d = await delivery(core, feedId);
    assert.equal(d.mode, 'denied');
    assert.match(d.reason!, /Topic not allowed here/);
    assert.equal(core.push.isPushLive(feedId), false);
  }));
