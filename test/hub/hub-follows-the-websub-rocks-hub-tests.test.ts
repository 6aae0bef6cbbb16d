import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hubPost, sign, startSharingCore, waitFor } from './sharing-core';
import { startTestSubscriber } from '../support/test-subscriber';

/**
 * What websub.rocks checks of a hub (tests 100-104, "integrated hub" mode), by
 * the same means: discovery by HEAD then GET of the topic, subscription
 * requests, the verification GET, and each delivery's body and Content-Type
 * compared with a fresh GET of the topic.
 */
test('discovery by HEAD and GET: the same Link headers, the same Content-Type; HEAD has no body', async () => {
  const t = await startSharingCore();
  try {
    const { feedUrl, hubUrl } = await t.core.getSharing({});
    assert.equal(feedUrl, `${t.core.push.callbackOrigin()}/shared.atom`);
    assert.equal(hubUrl, `${t.core.push.callbackOrigin()}/hub`);
    const head = await fetch(feedUrl!, { method: 'HEAD' });
    const get = await fetch(feedUrl!);
    const body = await get.text();
    for (const response of [head, get]) {
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
      assert.equal(response.headers.get('link'), `<${feedUrl}>; rel="self", <${hubUrl}>; rel="hub"`);
    }
    assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(body)));
    assert.match(body, /<title type="text">Shared from Tidings<\/title>/);
    assert.match(body, new RegExp(`<link rel="hub" href="${hubUrl}"/>`));
    // A conditional GET of an unchanged feed costs nothing.
    const again = await fetch(feedUrl!, { headers: { 'if-none-match': get.headers.get('etag')! } });
    assert.equal(again.status, 304);
    // Nothing else answers there but GET and HEAD.
    assert.equal((await fetch(feedUrl!, { method: 'POST', body: 'x' })).status, 405);
  } finally {
    await t.close();
  }
});

test('100-104: subscribe, with a secret, with extra parameters, re-subscribe, unsubscribe; each delivery equals a fresh GET', async () => {
  const t = await startSharingCore();
  const subscriber = await startTestSubscriber();
  try {
    const { feedUrl, hubUrl } = await t.core.getSharing({});
    const topic = feedUrl!;
    const freshGet = async () => {
      const response = await fetch(topic);
      return { body: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') };
    };

    // 100: the typical request, answered 202 at once, then verified with every parameter.
    const plain = subscriber.callback('/hub/100/sub/token?x=1');
    const accepted = await hubPost(hubUrl!, { 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.callback': plain });
    assert.equal(accepted.status, 202);
    const check = await waitFor(
      () => subscriber.verifications.find((v) => v.path === '/hub/100/sub/token'),
      'verification',
    );
    assert.equal(check.query.get('x'), '1');
    assert.equal(check.query.get('hub.mode'), 'subscribe');
    assert.equal(check.query.get('hub.topic'), topic);
    assert.equal(check.query.get('hub.lease_seconds'), '864000');
    assert.ok(Buffer.from(check.query.get('hub.challenge')!, 'base64url').length >= 32);
    assert.match(check.rawQuery, /hub\.topic=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fshared\.atom/);
    assert.match(String(check.headers['user-agent']), /^Tidings\/test \(WebSub hub\)$/);

    // 101: with a secret; 102: with parameters the hub must ignore.
    const signed = subscriber.callback('/hub/101/sub/token');
    const extra = subscriber.callback('/hub/102/sub/token');
    const secret = 'a-secret-of-twenty-x';
    assert.equal(
      (
        await hubPost(hubUrl!, {
          'hub.mode': 'subscribe',
          'hub.topic': topic,
          'hub.callback': signed,
          'hub.secret': secret,
        })
      ).status,
      202,
    );
    assert.equal(
      (
        await hubPost(hubUrl!, {
          'hub.mode': 'subscribe',
          'hub.topic': topic,
          'hub.callback': extra,
          foo: 'bar',
          'hub.foo': 'hub.bar',
        })
      ).status,
      202,
    );
    await waitFor(async () => (await t.core.getSharing({})).subscribers.length === 3, 'three subscriptions');

    // 103: a re-subscription before expiry updates the same subscription.
    assert.equal(
      (
        await hubPost(hubUrl!, {
          'hub.mode': 'subscribe',
          'hub.topic': topic,
          'hub.callback': extra,
          'hub.lease_seconds': '172800',
        })
      ).status,
      202,
    );
    await waitFor(
      async () => subscriber.verifications.filter((v) => v.path === '/hub/102/sub/token').length === 2,
      're-verification',
    );
    await t.core.sharing.settle();
    const subscribers = (await t.core.getSharing({})).subscribers;
    assert.equal(subscribers.length, 3);
    const renewed = subscribers.find((s) => Math.abs(s.leaseExpiresAt - Date.now() - 172_800_000) < 60_000);
    assert.ok(renewed, 'the lease asked for on re-subscription applies');
    assert.deepEqual(subscribers.map((s) => s.signed).sort(), [false, false, true]);

    // A share: one delivery to each, the body and Content-Type of a fresh GET, signed only where a secret was given.
    const entry = await t.core.shareItem({ itemId: t.itemIds[0]!, note: 'Read this & that' });
    assert.equal(entry.note, 'Read this & that');
    await waitFor(() => subscriber.received.length === 3, 'three deliveries');
    const fresh = await freshGet();
    assert.match(fresh.body.toString(), /Read this &amp;amp; that/);
    for (const delivery of subscriber.received) {
      assert.deepEqual(delivery.body, fresh.body, delivery.path);
      assert.equal(delivery.headers['content-type'], fresh.type);
      assert.deepEqual(delivery.links, [`<${topic}>; rel="self"`, `<${hubUrl}>; rel="hub"`]);
      assert.match(String(delivery.headers['user-agent']), /WebSub hub/);
      if (delivery.path === '/hub/101/sub/token') {
        assert.equal(delivery.headers['x-hub-signature'], sign(delivery.body, secret));
      } else {
        assert.equal(delivery.headers['x-hub-signature'], undefined);
      }
    }
    await waitFor(
      async () => (await t.core.getSharing({})).subscribers.every((s) => s.lastDeliveryOk),
      'all delivered',
    );

    // 104: unsubscribe, verified, then the next change reaches only the others.
    assert.equal(
      (await hubPost(hubUrl!, { 'hub.mode': 'unsubscribe', 'hub.topic': topic, 'hub.callback': plain })).status,
      202,
    );
    const bye = await waitFor(
      () => subscriber.verifications.find((v) => v.query.get('hub.mode') === 'unsubscribe'),
      'unsubscribe verification',
    );
    assert.equal(bye.query.has('hub.lease_seconds'), false);
    await waitFor(async () => (await t.core.getSharing({})).subscribers.length === 2, 'two left');
    await t.core.unshareItem({ itemId: t.itemIds[0]! });
    await waitFor(() => subscriber.received.length === 5, 'two more deliveries');
    await t.core.sharing.settle();
    assert.equal(subscriber.received.filter((r) => r.path === '/hub/100/sub/token').length, 1);
    assert.doesNotMatch(subscriber.received.at(-1)!.body.toString(), /<entry>/);
  } finally {
    await t.close();
    await subscriber.close();
  }
});
