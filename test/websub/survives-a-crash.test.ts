import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startTestHub } from '../support/test-hub';
import { atom, compactAtom } from '../support/feeds';
import { partBytes } from '../../src/main/core/websub/inbox';
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

test('a big ping acknowledged just before SIGKILL is stored whole after the restart, and parts of a body never finished are swept', async (t) => {
  const hub = await startTestHub({ signature: 'sha256' });
  const dir = makeTempDir();
  const children: ChildProcess[] = [];
  try {
    hub.setTopic('big', { entries: [] });
    const port = await freePort();
    children.push(await startChild([dir.path, String(port), hub.topicUrl('big')]));
    const subscription = await hub.waitFor(() => hub.subscriptions('big')[0], 'the subscription', 10_000);

    const count = 30_000;
    const body = compactAtom(count, 'big-');
    assert.ok(body.length > 4 * partBytes, `the body takes several parts (${body.length} bytes)`);
    assert.equal(await hub.deliver(subscription, body, 'application/atom+xml'), 200);
    children[0]!.kill('SIGKILL');
    await new Promise((resolve) => children[0]!.once('exit', resolve));

    const db = peekDb(dir.path);
    const inbox = db.prepare('SELECT count(*) AS n FROM websub_inbox WHERE parts_of IS NOT NULL').get() as {
      n: number;
    };
    t.diagnostic(`${inbox.n} ping(s) stored in parts still in the inbox at the kill`);
    // What a run killed while writing a body leaves: parts no ping points at (it was never acknowledged).
    const orphan = db.prepare('INSERT INTO websub_inbox_parts (upload, seq, bytes) VALUES (?, ?, ?)');
    for (const seq of [0, 1]) orphan.run(424242, seq, Buffer.alloc(partBytes, 1));
    db.close();

    children.push(await startChild([dir.path, String(port)]));
    const state = () => {
      const check = peekDb(dir.path);
      const n = (sql: string) => (check.prepare(sql).get() as { n: number }).n;
      const result = {
        stored: n("SELECT count(*) AS n FROM items WHERE key LIKE 'id:big-%'"),
        inbox: n('SELECT count(*) AS n FROM websub_inbox'),
        parts: n('SELECT count(*) AS n FROM websub_inbox_parts'),
      };
      check.close();
      return result;
    };
    await hub.waitFor(() => state().inbox === 0, 'the inbox to be replayed', 60_000);
    assert.deepEqual(state(), { stored: count, inbox: 0, parts: 0 });
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await hub.close();
    dir.remove();
  }
});
