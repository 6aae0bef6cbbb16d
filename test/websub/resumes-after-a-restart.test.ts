import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startCore } from '../../src/main/core/start-core';
import { startTestHub } from '../support/test-hub';
import { makeTempDir } from '../support/temp-dir';
import { createManualClock } from '../support/manual-clock';
import { fastTuning } from './push-core';
import { freePort } from '../support/free-port';

test('after a restart a live subscription stays live without a new request, and its renewal is still scheduled', async () => {
  const hub = await startTestHub({ leaseSeconds: 600 });
  const dir = makeTempDir();
  const port = await freePort();
  const clock = createManualClock(Date.now());
  const options = {
    dataDir: dir.path,
    version: 'test',
    callbackPort: port,
    publicUrl: `http://127.0.0.1:${port}`,
    allowHttpSecret: true,
    websubTuning: fastTuning,
    clock,
    log: () => {},
  };
  try {
    hub.setTopic('kept', {});
    const first = await startCore(options);
    const added = await first.addFeed({ url: hub.topicUrl('kept') });
    assert.ok('feed' in added);
    await hub.waitFor(() => first.push.isPushLive(added.feed.id), 'push live');
    await first.close();

    const requests = hub.requests.length;
    const second = await startCore(options);
    try {
      assert.equal(second.push.isPushLive(added.feed.id), true);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(hub.requests.length, requests, 'no new subscription request at start');
      await clock.advance(600_000 * 0.86);
      await hub.waitFor(() => hub.requests.length === requests + 1, 'the renewal');
    } finally {
      await second.close();
    }
  } finally {
    await hub.close();
    dir.remove();
  }
});
