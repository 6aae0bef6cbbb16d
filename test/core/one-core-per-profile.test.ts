import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../src/main/core/start-core';
import { lockFileName } from '../../src/main/core/profile-lock';
import { startFixtureServer, send } from '../support/fixture-server';
import { startTestCore } from '../support/test-core';
import { startBuiltHost } from '../support/built-host';
import { makeTempDir } from '../support/temp-dir';
import { rss } from '../support/feeds';

const open = (dataDir: string) => startCore({ dataDir, version: 'test', log: () => {} });

test('a second core on a profile in use fails with PROFILE_IN_USE and leaves the first one whole', async () => {
  const site = await startFixtureServer({ '/a.xml': send(rss('Held', [{ id: '1', title: 'kept' }])) });
  const first = await startTestCore();
  try {
    await first.core.addFeed({ url: site.url('/a.xml') });
    await assert.rejects(open(first.dataDir), (error: { code?: string; message: string }) => {
      assert.equal(error.code, 'PROFILE_IN_USE');
      assert.match(error.message, new RegExp(`Another Tidings is using this profile \\(pid ${process.pid}`));
      return true;
    });
    // The first core still answers and has everything.
    assert.equal((await first.core.listItems({})).items.length, 1);
  } finally {
    await first.core.close();
  }
  // Once it closed, the profile opens again, with what was stored.
  const again = await open(first.dataDir);
  try {
    assert.equal((await again.listItems({})).items[0]!.title, 'kept');
  } finally {
    await again.close();
    await site.close();
  }
  assert.equal(existsSync(join(first.dataDir, lockFileName)), false, 'closing releases the lock');
});

test('a lock left by a process that is gone (kill -9, a crash) is taken over', async () => {
  const dir = makeTempDir();
  try {
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    writeFileSync(join(dir.path, lockFileName), JSON.stringify({ pid: dead, host: hostname(), since: 1 }));
    const core = await open(dir.path);
    await core.close();
    writeFileSync(join(dir.path, lockFileName), 'half writ');
    await (await open(dir.path)).close();
  } finally {
    dir.remove();
  }
});

test('a second headless host on the same profile says why it cannot start, and the first keeps serving', async () => {
  const first = await startBuiltHost();
  try {
    await assert.rejects(startBuiltHost({ dataDir: first.dataDir }), /Another Tidings is using this profile/);
    assert.equal((await first.call('getStatus')).status, 200);
  } finally {
    await first.close();
  }
});
