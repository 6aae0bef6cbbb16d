import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub, defaultKnobs, type TestHub } from '../support/test-hub';
import { addFeed, delivery, peekDb, withPushCore } from './push-core';

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());
beforeEach(() => Object.assign(hub.knobs, defaultKnobs()));

test('a delivery while another process holds the database is acknowledged with 2xx, and stored once it lets go', () =>
  withPushCore(async ({ core, dataDir }) => {
    hub.setTopic('busy', { entries: [{ id: 'a', title: 'A' }] });
    const feedId = await addFeed(core, hub.topicUrl('busy'));
    await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
    await hub.waitFor(() => hub.subscriptions('busy')[0], 'the hub to record it');

    const other = peekDb(dataDir);
    other.exec('BEGIN IMMEDIATE'); // holds the write lock, as a second process or a backup tool would
    try {
      const answers = await hub.publish('busy', [{ id: 'b', title: 'B, while busy' }]);
      const more = await hub.publish('busy', [{ id: 'c', title: 'C, while busy' }]);
      // Never a 5xx for a reason of ours that will pass: the hub would retry, or drop us.
      assert.deepEqual(
        [...answers, ...more].map((a) => a.status),
        [200, 200],
      );
      const inbox = other.prepare('SELECT count(*) AS n FROM websub_inbox').get() as { n: number };
      assert.equal(inbox.n, 0, 'not on disk yet: the lock is still held');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await hub.waitFor(async () => (await core.listItems({ feedId })).items.length === 3, 'both stored after the lock');
    assert.equal(core.push.isPushLive(feedId), true);
  }));

test('a verification while the database is busy gets its challenge back, and the lease is recorded afterwards', () =>
  withPushCore(async ({ core, dataDir }) => {
    hub.knobs.leaseSeconds = 3600;
    hub.setTopic('busy-verify', {});
    const feedId = await addFeed(core, hub.topicUrl('busy-verify'));
    await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
    const subscription = await hub.waitFor(() => hub.subscriptions('busy-verify')[0], 'the hub to record it');
    const before = (await delivery(core, feedId)).leaseExpiresAt!;

    hub.knobs.leaseSeconds = 7200;
    const other = peekDb(dataDir);
    other.exec('BEGIN IMMEDIATE');
    let verification;
    try {
      verification = await hub.reverify(subscription);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    assert.deepEqual([verification.status, verification.ok], [200, true]);
    await hub.waitFor(
      async () => (await delivery(core, feedId)).leaseExpiresAt! >= before + 3600_000,
      'the longer lease written once the database is free',
    );
  }));
