import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFetchQueue } from '../../src/main/core/opml/fetch-queue';

/** Tasks that finish only when the test says so, recording how many ran at once. */
function harness(hosts: string[]) {
  const running = new Map<string, number>();
  let now = 0;
  let peak = 0;
  const peakByHost = new Map<string, number>();
  const order: number[] = [];
  const pending: Array<() => void> = [];
  const tasks = hosts.map((host, index) => ({ host, index }));
  const work = (task: { host: string; index: number }) =>
    new Promise<void>((resolve) => {
      order.push(task.index);
      now++;
      peak = Math.max(peak, now);
      running.set(task.host, (running.get(task.host) ?? 0) + 1);
      peakByHost.set(task.host, Math.max(peakByHost.get(task.host) ?? 0, running.get(task.host)!));
      pending.push(() => {
        now--;
        running.set(task.host, running.get(task.host)! - 1);
        resolve();
      });
    });
  return { tasks, work, order, pending, peak: () => peak, peakByHost };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('never more than 4 at once, nor 2 on one host; every task runs, in file order per host', async () => {
  const hosts = ['a', 'a', 'a', 'a', 'a', 'b', 'c', 'b', 'd', 'e', 'b', 'f'];
  const h = harness(hosts);
  const queue = runFetchQueue(h.tasks, (t) => t.host, h.work, { overall: 4, perHost: 2 });
  await settle();
  // The first pick skips a's third and later tasks to use the other hosts.
  assert.deepEqual(h.order, [0, 1, 5, 7]);
  while (h.pending.length > 0) {
    h.pending.shift()!();
    await settle();
  }
  await queue.done;
  assert.equal(h.order.length, hosts.length);
  assert.equal(h.peak(), 4);
  assert.equal(h.peakByHost.get('a'), 2);
  assert.equal(h.peakByHost.get('b'), 2);
  const aOrder = h.order.filter((i) => hosts[i] === 'a');
  assert.deepEqual(aOrder, [0, 1, 2, 3, 4]);
});

test('stop starts nothing new and resolves once the running tasks end', async () => {
  const h = harness(['a', 'b', 'c', 'd', 'e', 'f']);
  const queue = runFetchQueue(h.tasks, (t) => t.host, h.work, { overall: 2, perHost: 2 });
  await settle();
  assert.equal(h.order.length, 2);
  queue.stop();
  let finished = false;
  void queue.done.then(() => (finished = true));
  h.pending.shift()!();
  await settle();
  assert.equal(finished, false, 'one task is still running');
  h.pending.shift()!();
  await settle();
  assert.equal(finished, true);
  assert.equal(h.order.length, 2, 'nothing started after stop');
});

test('an empty list is done at once', async () => {
  await runFetchQueue(
    [],
    () => 'x',
    async () => {},
    { overall: 4, perHost: 2 },
  ).done;
});
