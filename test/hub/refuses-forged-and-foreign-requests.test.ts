import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hubPost, startSharingCore, waitFor } from './sharing-core';
import { startTestSubscriber } from '../support/test-subscriber';
import { peekDb } from '../websub/push-core';

const storedSubscriptions = (dataDir: string) => {
  const db = peekDb(dataDir);
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM hub_subscriptions').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

test('other topics, publish, other modes, bad secrets, bad callbacks and oversized bodies are refused, and nothing is stored', async () => {
  const t = await startSharingCore();
  const subscriber = await startTestSubscriber();
  try {
    const { feedUrl: topic, hubUrl } = await t.core.getSharing({});
    const callback = subscriber.callback('/cb');
    const base = { 'hub.mode': 'subscribe', 'hub.topic': topic!, 'hub.callback': callback };
    for (const [params, pattern] of [
      [{ ...base, 'hub.topic': 'https://example.com/feed.xml' }, /not a topic of this hub/],
      [{ ...base, 'hub.mode': 'publish' }, /not an open hub/],
      [{ 'hub.mode': 'publish', 'hub.url': topic! }, /not an open hub/],
      [{ ...base, 'hub.mode': 'denied' }, /not supported/],
      [{ ...base, 'hub.secret': 'x'.repeat(200) }, /1 to 199 bytes/],
      [{ ...base, 'hub.secret': '' }, /1 to 199 bytes/],
      [{ ...base, 'hub.callback': '/relative' }, /not an absolute URL/],
      [{ ...base, 'hub.callback': `${callback}#top` }, /fragment/],
      [{ ...base, 'hub.lease_seconds': '-5' }, /whole number/],
      [{ 'hub.topic': topic!, 'hub.callback': callback }, /hub\.mode is missing/],
    ] as const) {
      const answer = await hubPost(hubUrl!, params);
      assert.equal(answer.status, 400, JSON.stringify(params));
      assert.match(answer.body, pattern);
      assert.ok(answer.body.includes(topic!), 'the reason names the topic served');
      assert.equal(answer.headers.get('content-type'), 'text/plain; charset=utf-8');
    }
    // Not a form, not a POST, too big.
    const json = await fetch(hubUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(json.status, 415);
    assert.equal((await fetch(hubUrl!)).status, 405);
    const big = await fetch(hubUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `hub.mode=subscribe&pad=${'x'.repeat(64 * 1024)}`,
    });
    assert.equal(big.status, 413);

    // A forged subscription: the callback does not confirm (404, or a wrong echo); nothing is stored.
    subscriber.verify = 'refuse';
    assert.equal((await hubPost(hubUrl!, { ...base, 'hub.callback': subscriber.callback('/forged') })).status, 202);
    subscriber.verify = 'wrong';
    assert.equal((await hubPost(hubUrl!, { ...base, 'hub.callback': subscriber.callback('/wrong') })).status, 202);
    await waitFor(() => subscriber.verifications.length === 2, 'both verifications');
    await t.core.sharing.settle();
    assert.equal(storedSubscriptions(t.dataDir), 0);
    assert.deepEqual((await t.core.getSharing({})).subscribers, []);
    // No delivery ever goes to them.
    await t.core.shareItem({ itemId: t.itemIds[0]! });
    await t.core.sharing.settle();
    assert.equal(subscriber.received.length, 0);
  } finally {
    await t.close();
    await subscriber.close();
  }
});

test('without the flag, loopback and private callbacks are refused at once and never called', async () => {
  const t = await startSharingCore({ hubAllowPrivateCallbacks: false });
  const subscriber = await startTestSubscriber();
  try {
    const { feedUrl: topic, hubUrl } = await t.core.getSharing({});
    for (const callback of [
      subscriber.callback('/cb'),
      `http://localhost:${subscriber.port}/cb`,
      `http://[::1]:${subscriber.port}/cb`,
      `http://tidings-x.localhost:${subscriber.port}/cb`,
      'http://192.168.1.1/cb',
      'http://169.254.169.254/latest/meta-data/',
      `http://2130706433:${subscriber.port}/cb`,
    ]) {
      const answer = await hubPost(hubUrl!, { 'hub.mode': 'subscribe', 'hub.topic': topic!, 'hub.callback': callback });
      assert.equal(answer.status, 400, callback);
      assert.match(answer.body, /loopback, private or link-local/);
    }
    await t.core.sharing.settle();
    assert.equal(subscriber.verifications.length, 0);
    assert.equal(storedSubscriptions(t.dataDir), 0);
  } finally {
    await t.close();
    await subscriber.close();
  }
});

test('a flood is cut off: requests per callback per minute, and the number of subscriptions, are capped', async () => {
  const t = await startSharingCore({ hubTuning: { requestsPerCallbackPerMinute: 3, maxSubscriptions: 2 } });
  const subscriber = await startTestSubscriber();
  try {
    const { feedUrl: topic, hubUrl } = await t.core.getSharing({});
    const request = (path: string) =>
      hubPost(hubUrl!, { 'hub.mode': 'subscribe', 'hub.topic': topic!, 'hub.callback': subscriber.callback(path) });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await request('/same')).status);
    assert.deepEqual(statuses, [202, 202, 202, 429, 429, 429]);
    const limited = await request('/same');
    assert.equal(limited.headers.get('retry-after'), '60');
    await t.core.sharing.settle();
    // Only the allowed ones were verified.
    assert.equal(subscriber.verifications.filter((v) => v.path === '/same').length, 3);

    assert.equal((await request('/second')).status, 202);
    await t.core.sharing.settle();
    const full = await request('/third');
    assert.equal(full.status, 429);
    assert.match(full.body, /limit of 2 subscriptions/);
    await t.core.sharing.settle();
    assert.equal(storedSubscriptions(t.dataDir), 2);
  } finally {
    await t.close();
    await subscriber.close();
  }
});
