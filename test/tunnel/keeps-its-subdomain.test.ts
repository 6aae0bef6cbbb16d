import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startCore } from '../../src/main/core/start-core';
import type { Reader } from '../../src/main/core/reader';
import { makeTempDir } from '../support/temp-dir';
import { startTunnelServer } from '../support/tunnel-server';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function tunnelUrl(core: Reader): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { tunnel } = await core.getStatus({});
    if (tunnel.state === 'up') return tunnel.url!;
    if (Date.now() > deadline) throw new Error(`tunnel not up: ${JSON.stringify(tunnel)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('the requested subdomain is chosen once per install and kept, so the public URL survives a restart', async () => {
  const server = await startTunnelServer(await freePort());
  const dir = makeTempDir();
  const options = {
    dataDir: dir.path,
    version: 'test',
    tunnelHost: server.origin,
    tunnelTuning: { healthIntervalMs: 300, healthFailures: 1, timeoutMs: 3000, retryBaseMs: 200, retryMaxMs: 800 },
    log: () => {},
  };
  try {
    const first = await startCore(options);
    const before = await tunnelUrl(first);
    const { tunnelSubdomain } = await first.getSettings({});
    await first.close();
    // Restarted at once: the server still holds the old tunnel for a grace second and would hand
    // out a random name; Tidings waits and asks for its own name again.

    const second = await startCore(options);
    try {
      assert.equal((await second.getSettings({})).tunnelSubdomain, tunnelSubdomain);
      assert.equal(await tunnelUrl(second), before);
    } finally {
      await second.close();
    }
  } finally {
    await server.close();
    dir.remove();
  }
});
