import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub, type TestHub } from '../support/test-hub';
import { atom } from '../support/feeds';
import { addFeed, peekDb, withPushCore } from './push-core';

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());

test('removing a feed unsubscribes at the hub, verified like a subscribe; its callback then answers 410', () =>
  withPushCore(async ({ core, dataDir }) => {
    hub.setTopic('leaving', { entries: [{ id: 'l1', title: 'One' }] });
    const feedId = await addFeed(core, hub.topicUrl('leaving'));
    const subscription = await hub.waitFor(() => hub.subscriptions('leaving')[0], 'subscribed');
    await core.removeFeed({ feedId });
    const request = await hub.waitFor(
      () => hub.requests.find((r) => r.form.get('hub.mode') === 'unsubscribe'),
      'the unsubscribe request',
    );
    assert.equal(request.form.get('hub.callback'), subscription.callback);
    assert.equal(request.form.get('hub.topic'), hub.topicUrl('leaving'));
    assert.equal(request.form.has('hub.secret'), false);
    const verification = await hub.waitFor(
      () => hub.verifications.find((v) => v.mode === 'unsubscribe'),
      'the unsubscribe verification',
    );
    assert.equal(verification.ok, true);
    assert.equal(hub.subscriptions('leaving').length, 0);
    assert.equal(await hub.deliver(subscription, atom('leaving', [{ id: 'late', title: 'Late' }])), 410);
    // Nothing is left behind.
    const db = peekDb(dataDir);
    assert.equal((db.prepare('SELECT count(*) AS n FROM websub_subscriptions').get() as { n: number }).n, 0);
    db.close();
  }));
