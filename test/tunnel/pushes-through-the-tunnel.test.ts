import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestCore } from '../support/test-core';
import { startTestHub } from '../support/test-hub';
import { startTunnelServer } from '../support/tunnel-server';
import { httpGet } from '../../src/main/core/tunnel/http-get';
import { fastTuning } from '../websub/push-core';
import { freePort } from '../support/free-port';

const tunnelTuning = { healthIntervalMs: 300, healthFailures: 1, timeoutMs: 3000, retryBaseMs: 200, retryMaxMs: 800 };

test('push through a real localtunnel server: delivered, only callbacks exposed, polling while it is down, back on a new URL', async () => {
  const hub = await startTestHub({ signature: 'sha256' });
  let server = await startTunnelServer(await freePort());
  const t = await startTestCore({
    allowHttpSecret: true,
    websubTuning: fastTuning,
    tunnelHost: server.origin,
    tunnelTuning,
  });
  const { core } = t;
  const status = () => core.getStatus({});
  try {
    // Up, with this install's subdomain, on the tunnel server's port.
    const up = await hub.waitFor(async () => ((await status()).tunnel.state === 'up' ? status() : null), 'tunnel up');
    const { tunnelSubdomain } = await core.getSettings({});
    assert.match(tunnelSubdomain!, /^tidings-[a-z0-9]{12}$/);
    assert.equal(up.tunnel.url, `http://${tunnelSubdomain}.localhost:${server.port}`);
    assert.deepEqual([up.push.state, up.push.publicUrl], ['up', up.tunnel.url]);

    // A feed whose hub delivers through the tunnel.
    hub.setTopic('tunnelled', { entries: [{ id: 'a', title: 'Before' }] });
    const added = await core.addFeed({ url: hub.topicUrl('tunnelled') });
    assert.ok('feed' in added);
    const feedId = added.feed.id;
    const first = await hub.waitFor(() => hub.subscriptions('tunnelled')[0], 'subscribed through the tunnel');
    assert.ok(first.callback.startsWith(`${up.tunnel.url}/websub/`));
    assert.equal((await hub.publish('tunnelled', [{ id: 'b', title: 'Through the tunnel' }]))[0]!.status, 200);
    await hub.waitFor(
      async () => (await core.listItems({ feedId })).items.some((i) => i.title === 'Through the tunnel'),
      'the item',
    );

    // Only /websub/... and /health answer through the tunnel.
    for (const path of ['/', '/api/listFeeds', '/api/events', '/index.html', '/websub']) {
      assert.equal((await httpGet(`${up.tunnel.url}${path}`, 3000)).status, 404, path);
    }
    assert.equal((await httpGet(`${up.tunnel.url}/health`, 3000)).status, 200);

    // The tunnel server goes away: feeds fall back to polling, and the status says why.
    await server.close();
    await hub.waitFor(async () => (await status()).tunnel.state === 'down', 'tunnel down', 10_000);
    assert.equal(core.push.isPushLive(feedId), false);
    const feed = (await core.listFeeds({})).find((f) => f.id === feedId)!;
    assert.notEqual(feed.delivery.mode, 'push');
    const down = await status();
    assert.equal(down.push.state, 'down');
    assert.match(down.push.reason!, /polled meanwhile/);
    await hub.waitFor(
      async () => /Could not reach the tunnel server/.test((await status()).tunnel.reason ?? ''),
      'a reconnection attempt that explains itself',
    );

    // Back on a new port: reconnect, re-subscribe on the new URL, and the next ping arrives.
    server = await startTunnelServer(await freePort());
    await core.updateSettings({ tunnelHost: server.origin });
    const again = await hub.waitFor(async () => ((await status()).tunnel.state === 'up' ? status() : null), 'up again');
    assert.equal(again.tunnel.url, `http://${tunnelSubdomain}.localhost:${server.port}`);
    const second = await hub.waitFor(
      () => hub.subscriptions('tunnelled').find((s) => s.callback.startsWith(`${again.tunnel.url}/`)),
      're-subscribed on the new URL',
    );
    assert.notEqual(second.callback, first.callback);
    await hub.waitFor(() => core.push.isPushLive(feedId), 'push live again');
    const delivered = await hub.publish('tunnelled', [{ id: 'c', title: 'After the restart' }]);
    assert.ok(delivered.some((d) => d.callback === second.callback && d.status === 200));
    await hub.waitFor(
      async () => (await core.listItems({ feedId })).items.some((i) => i.title === 'After the restart'),
      'the next item',
    );
  } finally {
    await t.close();
    await server.close();
    await hub.close();
  }
});
