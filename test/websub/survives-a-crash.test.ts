import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startTestHub } from '../support/test-hub';
import { atom } from '../support/feeds';
import { makeTempDir } from '../support/temp-dir';
import { peekDb } from './push-core';
import { freePort } from '../support/free-port';

const childScript = join(import.meta.dirname, 'ingest-child.ts');

function startChild(args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('"ready":true')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready: ${stderr}`)));
  });
}

test('a core killed with SIGKILL mid-storm keeps every ping it acknowledged: the inbox is replayed at start', async (t) => {
  const hub = await startTestHub({ signature: 'sha256' });
  const dir = makeTempDir();
  const children: ChildProcess[] = [];
  try {
    hub.setTopic('storm', { entries: [{ id: 'seed', title: 'Seed' }] });
    const port = await freePort();
    children.push(await startChild([dir.path, String(port), hub.topicUrl('storm')]));
    const subscription = await hub.waitFor(() => hub.subscriptions('storm')[0], 'the subscription', 10_000);

    const total = 600;
    const acked: string[] = [];
    let failed = 0;
    let next = 0;
    let killed = false;
    const sender = async () => {
      while (next < total) {
        const id = `storm-${next++}`;
        const status = await hub.deliver(subscription, atom('storm', [{ id, title: `Ping ${id}` }]));
        if (status === 200) acked.push(id);
        else failed++;
        if (!killed && acked.length >= 200) {
          killed = true;
          children[0]!.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 32 }, sender));
    assert.ok(killed, 'the child was killed during the storm');
    assert.ok(failed > 0, 'some pings were sent after the kill and not acknowledged');

    const db = peekDb(dir.path);
    const waiting = (db.prepare('SELECT count(*) AS n FROM websub_inbox').get() as { n: number }).n;
    t.diagnostic(`${acked.length} pings acknowledged, ${waiting} still in the inbox at the kill`);
    db.close();

    children.push(await startChild([dir.path, String(port)]));
    const stored = () => {
      const check = peekDb(dir.path);
      const keys = new Set(
        (check.prepare("SELECT key FROM items WHERE key LIKE 'id:storm-%'").all() as { key: string }[]).map(
          (row) => row.key,
        ),
      );
      const inbox = (check.prepare('SELECT count(*) AS n FROM websub_inbox').get() as { n: number }).n;
      check.close();
      return { keys, inbox };
    };
    await hub.waitFor(() => stored().inbox === 0, 'the inbox to be replayed', 20_000);
    const { keys } = stored();
    const missing = acked.filter((id) => !keys.has(`id:${id}`));
    assert.deepEqual(missing, []);
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await hub.close();
    dir.remove();
  }
});
