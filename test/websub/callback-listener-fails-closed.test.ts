import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub, type TestHub } from '../support/test-hub';
import { startBuiltHost, type BuiltHost } from '../support/built-host';
import { freePort } from '../support/free-port';
import { postEndlessBody, rawRequest } from '../support/raw-http';

/**
 * Issue 15, "the process dies": hostile requests to the public listener, sent
 * to the built host in a child process so that a crash would show as an exit.
 * Each attack must leave the host answering its API, and nothing lost.
 */
let hub: TestHub;
let host: BuiltHost;
let callbackPort: number;
let feedId: number;
let callback: string;
let topic: string;
const yearMs = 365 * 24 * 3600 * 1000;

before(async () => {
  hub = await startTestHub();
  callbackPort = await freePort();
  host = await startBuiltHost({
    args: [
      '--callback-port',
      String(callbackPort),
      '--public-url',
      `http://127.0.0.1:${callbackPort}`,
      '--allow-http-secret',
    ],
  });
  hub.setTopic('attacked', { entries: [{ id: 'first', title: 'First' }] });
  const added = await host.call('addFeed', { url: hub.topicUrl('attacked') });
  feedId = added.body.value.feed.id;
  const subscription = await hub.waitFor(() => hub.subscriptions('attacked')[0], 'the subscription', 15_000);
  callback = subscription.callback;
  topic = subscription.topic;
});
after(async () => {
  await host?.close();
  await hub?.close();
});

async function feed() {
  const { body } = await host.call('listFeeds');
  return (body.value as Array<{ id: number; delivery: { mode: string; leaseExpiresAt: number } }>).find(
    (f) => f.id === feedId,
  )!;
}

/** The host still runs and its API answers (the bound is generous: this machine is shared). */
async function assertAlive() {
  assert.equal(host.exitCode(), null, `the host exited: ${host.stderr().slice(-2000)}`);
  const status = await host.call('getStatus', {}, 20_000);
  assert.equal(status.status, 200);
}

const verifyUrl = (lease: string, challenge: string) =>
  `${new URL(callback).pathname}?${new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.challenge': challenge, 'hub.lease_seconds': lease })}`;

test('a re-verification with a lease of 16, 17 or 400 digits is answered, the lease capped at a year, and the host lives', async () => {
  for (const lease of ['9999999999999999', '10000000000000000', '9'.repeat(400)]) {
    const answer = await rawRequest(
      callbackPort,
      `GET ${verifyUrl(lease, `c${lease.length}`)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    assert.equal(answer.status, 200, lease.slice(0, 20));
    assert.equal(answer.body, `c${lease.length}`);
    await assertAlive();
    const { delivery } = await feed();
    assert.equal(delivery.mode, 'push');
    assert.ok(delivery.leaseExpiresAt <= Date.now() + yearMs, String(delivery.leaseExpiresAt));
  }
  // A ping after the attack is still stored: nothing was lost.
  assert.deepEqual(
    (await hub.publish('attacked', [{ id: 'after-lease', title: 'After the lease attack' }])).map((d) => d.status),
    [200],
  );
  await hub.waitFor(
    async () => {
      const { body } = await host.call('listItems', { feedId });
      return body.value.items.some((i: { title: string }) => i.title === 'After the lease attack');
    },
    'the ping to be stored',
    15_000,
  );
});

test('malformed targets, bad percent-encodings, an overlong target or header block get a 4xx, and the host lives', async () => {
  const id = new URL(callback).pathname;
  const cases: Array<[string, number]> = [
    ['GET http://[/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400],
    [`GET ${id}?hub.mode=subscribe&hub.topic=%E0%A4%A&hub.challenge=x HTTP/1.1\r\nHost: x\r\n\r\n`, 404],
    [`GET ${id}%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n`, 404],
    [`GET /websub/${'a'.repeat(10_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414],
    [`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(100_000)}\r\n\r\n`, 431],
    ['BREW / HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    [`DELETE ${id} HTTP/1.1\r\nHost: x\r\n\r\n`, 405],
  ];
  for (const [request, status] of cases) {
    assert.equal((await rawRequest(callbackPort, request)).status, status, request.slice(0, 60));
    await assertAlive();
  }
});

test('endless bodies posted to unknown and gone callbacks are read only to a small bound, while the API answers', async () => {
  const gone = `/websub/${'G'.repeat(22)}`;
  const giveUp = 256 * 1024 * 1024;
  const attacks = [
    postEndlessBody(callbackPort, gone, giveUp),
    postEndlessBody(callbackPort, gone, giveUp),
    postEndlessBody(callbackPort, '/nowhere', giveUp),
    postEndlessBody(callbackPort, '/nowhere', giveUp),
  ];
  await assertAlive();
  const outcomes = await Promise.all(attacks);
  for (const outcome of outcomes) {
    // What the server read, plus what the kernel's socket buffers took in before it closed.
    assert.ok(outcome.sent < 48 * 1024 * 1024, `the server read ${outcome.sent} bytes`);
  }
  await assertAlive();
  // A hub's ordinary ping to a gone callback is read to its end, so the hub sees the 410 and drops it.
  const stale = { callback: `http://127.0.0.1:${callbackPort}${gone}`, topic, secret: null, leaseSeconds: null };
  assert.equal(await hub.deliver(stale, Buffer.alloc(900 * 1024, 'p')), 410);
});
