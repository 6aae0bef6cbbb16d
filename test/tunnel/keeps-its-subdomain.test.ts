import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startCore } from '../../src/main/core/start-core';
import type { Reader } from '../../src/main/core/reader';
import { makeTempDir } from '../support/temp-dir';
import { startTunnelServer } from '../support/tunnel-server';
import { join } from 'node:path';
import { openDb } from '../../src/main/core/db/open-db';
import { createSettingsRepo } from '../../src/main/core/db/settings-repo';
import { freePort } from '../support/free-port';

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

test('a subdomain another client holds: after a few tries Tidings takes the name the server gives, and push works there', async () => {
  const server = await startTunnelServer(await freePort());
  const dirs = [makeTempDir(), makeTempDir()];
  const tuning = {
    healthIntervalMs: 300,
    healthFailures: 1,
    timeoutMs: 3000,
    retryBaseMs: 200,
    retryMaxMs: 800,
    reclaimDelayMs: 100,
  };
  const open = (dataDir: string) =>
    startCore({ dataDir, version: 'test', tunnelHost: server.origin, tunnelTuning: tuning, log: () => {} });
  const holder = await open(dirs[0]!.path);
  let second: Reader | null = null;
  try {
    const held = await tunnelUrl(holder);
    const { tunnelSubdomain } = await holder.getSettings({});
    // The second install asks for the same name from its first start.
    const db = openDb(join(dirs[1]!.path, 'tidings.sqlite'));
    createSettingsRepo(db).set('settings', { tunnelSubdomain });
    db.close();
    second = await open(dirs[1]!.path);
    assert.equal((await second.getSettings({})).tunnelSubdomain, tunnelSubdomain);
    const granted = await tunnelUrl(second);
    assert.notEqual(granted, held, 'the held name is not taken over');
    assert.doesNotMatch(granted, new RegExp(`//${tunnelSubdomain}\\.`), 'the server gave another name');
    assert.equal((await holder.getStatus({})).tunnel.url, held, 'the holder keeps its tunnel');
    const status = await second.getStatus({});
    assert.equal(status.push.state, 'up');
    assert.equal(status.push.publicUrl, granted);
  } finally {
    await second?.close();
    await holder.close();
    await server.close();
    for (const dir of dirs) dir.remove();
  }
});
