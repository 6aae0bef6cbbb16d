import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestCore } from '../support/test-core';
import { startTunnelServer, type TunnelServer } from '../support/tunnel-server';
import { freePort } from '../support/free-port';

test('a tunnel server that is unreachable at start: down with a reason, no crash, then up on its own once it runs', async () => {
  const port = await freePort();
  const t = await startTestCore({
    tunnelHost: `http://127.0.0.1:${port}`,
    tunnelTuning: { healthIntervalMs: 300, healthFailures: 1, timeoutMs: 2000, retryBaseMs: 200, retryMaxMs: 600 },
  });
  let server: TunnelServer | null = null;
  try {
    const deadline = Date.now() + 5000;
    let status = await t.core.getStatus({});
    while (status.tunnel.state !== 'down' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await t.core.getStatus({});
    }
    assert.equal(status.tunnel.state, 'down');
    assert.match(status.tunnel.reason!, new RegExp(`Could not reach the tunnel server 127\\.0\\.0\\.1:${port}`));
    assert.deepEqual([status.push.state, status.push.publicUrl], ['down', null]);

    server = await startTunnelServer(port);
    while (status.tunnel.state !== 'up' && Date.now() < deadline + 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await t.core.getStatus({});
    }
    assert.equal(status.tunnel.state, 'up');
    assert.equal(status.push.publicUrl, status.tunnel.url);
  } finally {
    await t.close();
    await server?.close();
  }
});
