import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHostLimiter } from '../../src/main/core/poller/host-limiter';

test('the limiter never exceeds its total or per-host limits, and hosts take turns', async () => {
  const limiter = createHostLimiter({ total: 3, perHost: 2 });
  const running = new Map<string, number>();
  let total = 0;
  let maxTotal = 0;
  let maxPerHost = 0;
  const order: string[] = [];
  const task = (host: string) => async () => {
    order.push(host);
    total++;
    running.set(host, (running.get(host) ?? 0) + 1);
    maxTotal = Math.max(maxTotal, total);
    maxPerHost = Math.max(maxPerHost, running.get(host)!);
    await new Promise((resolve) => setImmediate(resolve));
    total--;
    running.set(host, running.get(host)! - 1);
    return host;
  };
  // One host with a long queue first, then two small ones: they must not wait behind it.
  const jobs = [
    ...Array.from({ length: 2_000 }, () => limiter.run('big.example', task('big.example'))),
    limiter.run('a.example', task('a.example')),
    limiter.run('b.example', task('b.example')),
  ];
  const results = await Promise.all(jobs);
  assert.equal(results.length, 2_002);
  assert.equal(maxTotal, 3);
  assert.equal(maxPerHost, 2);
  assert.ok(order.indexOf('a.example') < 5, 'a small host started at once');
  assert.ok(order.indexOf('b.example') < 5, 'a small host started at once');
  assert.equal(limiter.active(), 0);
});

test('a failing task frees its slot', async () => {
  const limiter = createHostLimiter({ total: 1, perHost: 1 });
  await assert.rejects(
    limiter.run('x', () => Promise.reject(new Error('boom'))),
    /boom/,
  );
  assert.equal(await limiter.run('x', async () => 'next'), 'next');
});
