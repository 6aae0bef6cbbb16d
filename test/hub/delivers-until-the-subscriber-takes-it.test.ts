import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastHubTuning, hubPost, startSharingCore, waitFor } from './sharing-core';
import { startTestSubscriber, type TestSubscriber } from '../support/test-subscriber';
import type { TestCore } from '../support/test-core';
import { startPushCore } from '../websub/push-core';

async function subscribe(t: TestCore, subscriber: TestSubscriber, path = '/cb') {
  const { feedUrl, hubUrl } = await t.core.getSharing({});
  const answer = await hubPost(hubUrl!, {
    'hub.mode': 'subscribe',
    'hub.topic': feedUrl!,
    'hub.callback': subscriber.callback(path),
  });
  assert.equal(answer.status, 202);
  await waitFor(async () => (await t.core.getSharing({})).subscribers.length > 0, 'the subscription');
}

test('a subscriber that is down gets the delivery once it is back; the panel shows the retries meanwhile', async () => {
  const t = await startSharingCore();
  const subscriber = await startTestSubscriber();
  try {
    await subscribe(t, subscriber);
    await subscriber.stop();
    await t.core.shareItem({ itemId: t.itemIds[0]!, note: 'while you were out' });
    const failing = await waitFor(async () => {
      const [s] = (await t.core.getSharing({})).subscribers;
      return s && s.retriesPending >= 2 ? s : null;
    }, 'two failed tries');
    assert.equal(failing.lastDeliveryOk, false);
    assert.equal(failing.lastDeliveryStatus, 'the connection was refused');
    assert.ok(failing.nextDeliveryAt !== null);

    await subscriber.restart();
    await waitFor(() => subscriber.received.length === 1, 'the delivery after the comeback');
    assert.match(subscriber.received[0]!.body.toString(), /while you were out/);
    const done = await waitFor(async () => {
      const [s] = (await t.core.getSharing({})).subscribers;
      return s?.lastDeliveryOk ? s : null;
    }, 'delivered');
    assert.deepEqual([done.retriesPending, done.nextDeliveryAt, done.lastDeliveryStatus], [0, null, 'HTTP 200']);
  } finally {
    await t.close();
    await subscriber.close();
  }
});

test('a restart of the sharing core loses no queued delivery', async () => {
  const subscriber = await startTestSubscriber();
  // The first retry is due a second and a half after the failure: after the restart.
  const hubTuning = { ...fastHubTuning, retryBaseMs: 1_500 };
  const first = await startSharingCore({ hubTuning });
  const { dataDir, itemIds } = first;
  try {
    await subscribe(first, subscriber);
    await subscriber.stop();
    await first.core.shareItem({ itemId: itemIds[1]!, note: 'queued before the restart' });
    await waitFor(async () => (await first.core.getSharing({})).subscribers[0]!.retriesPending === 1, 'one failed try');
    // The core closes with the delivery owed; the profile stays.
    await first.core.close();
  } finally {
    await first.feeds.close();
  }
  await subscriber.restart();
  const second = await startPushCore({ dataDir, hubAllowPrivateCallbacks: true, hubTuning });
  try {
    const owed = (await second.core.getSharing({})).subscribers[0]!;
    assert.ok(owed.retriesPending >= 1 && owed.nextDeliveryAt !== null, 'still owed after the restart');
    // Nothing new is shared: the queued delivery goes out on its own.
    await waitFor(() => subscriber.received.length === 1, 'the delivery after the restart');
    assert.match(subscriber.received[0]!.body.toString(), /queued before the restart/);
    await waitFor(async () => (await second.core.getSharing({})).subscribers[0]!.lastDeliveryOk, 'recorded');
  } finally {
    await second.close();
    await subscriber.close();
  }
});

test('410 deletes the subscription; a burst of changes goes out as few deliveries of the newest version', async () => {
  const t = await startSharingCore({ hubTuning: { ...fastHubTuning, coalesceMs: 400 } });
  const gone = await startTestSubscriber();
  const here = await startTestSubscriber();
  try {
    await subscribe(t, gone, '/gone');
    await subscribe(t, here, '/here');
    await waitFor(async () => (await t.core.getSharing({})).subscribers.length === 2, 'two subscriptions');
    gone.answer = 410;
    for (const itemId of t.itemIds) await t.core.shareItem({ itemId, note: `note ${itemId}` });
    await waitFor(() => here.received.length >= 2, 'the burst');
    await t.core.sharing.settle();
    await new Promise((resolve) => setTimeout(resolve, 600));
    await t.core.sharing.settle();
    // The first change at once, the rest of the burst as one delivery at the window's end.
    assert.equal(here.received.length, 2);
    const last = here.received.at(-1)!.body.toString();
    for (const itemId of t.itemIds) assert.match(last, new RegExp(`note ${itemId}`));
    assert.equal(gone.received.length, 1);
    const subscribers = (await t.core.getSharing({})).subscribers;
    assert.equal(subscribers.length, 1);
    assert.ok(subscribers[0]!.callbackHost.startsWith('127.0.0.1:'));
  } finally {
    await t.close();
    await gone.close();
    await here.close();
  }
});

test('after the last retry the delivery is given up, but the subscription stays until its lease ends', async () => {
  const t = await startSharingCore({ hubTuning: { ...fastHubTuning, retryBaseMs: 20, retryFactor: 1, maxRetries: 2 } });
  const subscriber = await startTestSubscriber();
  try {
    await subscribe(t, subscriber);
    subscriber.answer = 500;
    await t.core.shareItem({ itemId: t.itemIds[0]! });
    const given = await waitFor(async () => {
      const [s] = (await t.core.getSharing({})).subscribers;
      return s && /gave up/.test(s.lastDeliveryStatus ?? '') ? s : null;
    }, 'giving up');
    assert.equal(given.lastDeliveryStatus, 'HTTP 500; gave up after 3 tries');
    assert.equal(subscriber.received.length, 3);
    assert.equal(given.nextDeliveryAt, null);
    // The next change is tried afresh.
    subscriber.answer = 204;
    await t.core.unshareItem({ itemId: t.itemIds[0]! });
    await waitFor(
      async () => (await t.core.getSharing({})).subscribers[0]!.lastDeliveryOk === true,
      'the next delivery',
    );
  } finally {
    await t.close();
    await subscriber.close();
  }
});
