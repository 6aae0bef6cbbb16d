/**
 * The path a websub.rocks run takes: the built headless host
 * (node out/host/cli.js --callback-port --public-url --allow-http-secret),
 * topics added with addFeed over the HTTP API, a hub that behaves as
 * websub.rocks's does (verification before the POST is answered, whole pages
 * labelled text/html, sha256, a subscription dropped on any non-2xx answer).
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { startTestHub, defaultKnobs, websubRocksKnobs, type TestHub } from '../support/test-hub';
import { makeTempDir } from '../support/temp-dir';
import { freePort } from '../support/free-port';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'out/host/cli.js');

let hub: TestHub;
let child: ChildProcessByStdio<null, Readable, Readable>;
let dir: ReturnType<typeof makeTempDir>;
let origin: string;
let publicUrl: string;

before(async () => {
  if (!existsSync(cli))
    throw new Error('out/host/cli.js is missing: run "npm run build:host" (npm test does it first).');
  hub = await startTestHub(websubRocksKnobs);
  dir = makeTempDir();
  const callbackPort = await freePort();
  publicUrl = `http://127.0.0.1:${callbackPort}`;
  child = spawn(
    process.execPath,
    [cli, '--data-dir', dir.path, '--token', 'rocks', '--callback-port', String(callbackPort)].concat([
      '--public-url',
      publicUrl,
      '--allow-http-secret',
    ]),
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  origin = await new Promise<string>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk;
      const match = /Tidings is listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    setTimeout(() => reject(new Error(`the host did not start within 30 s: ${output}`)), 30_000).unref();
  });
});

after(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    const exited = once(child, 'exit');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const [code] = await exited;
    clearTimeout(timer);
    assert.equal(code, 0, 'the host exits cleanly on SIGTERM');
  }
  await hub?.close();
  dir?.remove();
});

beforeEach(() => Object.assign(hub.knobs, defaultKnobs(), websubRocksKnobs));

async function call(method: string, arg: unknown): Promise<any> {
  const response = await fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: 'Bearer rocks', 'content-type': 'application/json' },
    body: JSON.stringify(arg),
  });
  const envelope = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}
const titles = async (feedId: number) =>
  ((await call('listItems', { feedId })).items as Array<{ title: string }>).map((i) => i.title);
const deliveryOf = async (feedId: number) =>
  (await call('listFeeds', {})).find((f: { id: number }) => f.id === feedId)?.delivery;
const livePush = (feedId: number) =>
  hub.waitFor(async () => (await deliveryOf(feedId))?.mode === 'push', 'live by push', 10_000);
const firstQuote = [{ id: 'q0', title: 'A first quote' }];

test('the built host (node out/host/cli.js --callback-port --public-url --allow-http-secret) passes websub.rocks-style checks on h-feed topics', async () => {
  // An h-feed page behind a 302, whose Link headers name the hub and a self that differs from its URL;
  // its posts are notes as websub.rocks marks them up (no URL, no uid, no title: only their text).
  hub.setTopic('rocks', { redirect: { status: 302, to: 'rocks-page' } });
  hub.setTopic('rocks-page', {
    format: 'hfeed',
    hfeedIds: 'notes',
    entries: firstQuote,
    linkHeader: [`<${hub.hubUrl}>; rel=hub`, `</topics/rocks-self>; rel=self`],
  });
  hub.setTopic('rocks-self', { format: 'hfeed', hfeedIds: 'notes', entries: firstQuote });
  const added = await call('addFeed', { url: hub.topicUrl('rocks') });
  const feedId: number = added.feed.id;
  const subscription = await hub.waitFor(() => hub.subscriptions('rocks-self')[0], 'subscribed by its self', 10_000);
  assert.ok(subscription.callback.startsWith(`${publicUrl}/websub/`));
  assert.ok(subscription.secret, 'a secret went to the plain-http hub, as the flag allows');
  await livePush(feedId);

  // 300: a whole page labelled text/html, signed sha256: 2xx and stored.
  const [ok] = await hub.publish('rocks-self', [{ id: 'q1', title: 'A pushed quote' }]);
  assert.equal(ok!.status, 200);
  await hub.waitFor(async () => (await titles(feedId)).includes('A pushed quote'), 'the pushed quote', 10_000);
  assert.deepEqual(
    (await titles(feedId)).sort(),
    ['A first quote', 'A pushed quote'],
    'the page, read again, adds no twin',
  );

  // 301: a wrong signature: 2xx, not stored.
  hub.knobs.signature = 'corrupt';
  const [forged] = await hub.publish('rocks-self', [{ id: 'q2', title: 'A forged quote' }]);
  assert.equal(forged!.status, 200);
  // 302: no signature: refused, not stored.
  hub.knobs.signature = 'none';
  const [unsigned] = await hub.publish('rocks-self', [{ id: 'q3', title: 'An unsigned quote' }]);
  assert.ok(unsigned!.status >= 400 && unsigned!.status < 500, `answered ${unsigned!.status}`);
  assert.equal((await deliveryOf(feedId)).rejectedSignatures, 1);
  const now = await titles(feedId);
  assert.equal(now.includes('A forged quote') || now.includes('An unsigned quote'), false, now.join(', '));
});

test('through the built host: hub and self in <head> tags only (101), a hub that moved for good (308, 204), a verification for another topic (205)', async () => {
  hub.setTopic('rocks-101', {
    format: 'hfeed',
    entries: firstQuote,
    linkHeader: null,
    documentLinks: `<link rel="hub" href="${hub.hubUrl}"><link rel="self" href="${hub.topicUrl('rocks-101')}">`,
  });
  const tagged: number = (await call('addFeed', { url: hub.topicUrl('rocks-101') })).feed.id;
  await livePush(tagged);
  const [answer] = await hub.publish('rocks-101', [{ id: 'q1', title: 'Found by its head' }]);
  assert.equal(answer!.status, 200);
  await hub.waitFor(async () => (await titles(tagged)).includes('Found by its head'), 'the pushed post', 10_000);

  hub.setTopic('rocks-204', { format: 'hfeed', entries: firstQuote });
  hub.queueAnswer({ status: 308, headers: { location: hub.directHubUrl } });
  const moved: number = (await call('addFeed', { url: hub.topicUrl('rocks-204') })).feed.id;
  await livePush(moved);
  const requests = hub.requests.filter((r) => r.form.get('hub.topic') === hub.topicUrl('rocks-204'));
  assert.deepEqual(
    requests.map((r) => [r.path, r.answeredWith]),
    [
      ['/hub', 308],
      ['/hub/direct', 202],
    ],
  );
  assert.equal((await deliveryOf(moved)).hubUrl, hub.directHubUrl);

  hub.knobs.verifyTopic = hub.topicUrl('rocks-someone-else');
  hub.setTopic('rocks-205', { format: 'hfeed', entries: firstQuote });
  const refused: number = (await call('addFeed', { url: hub.topicUrl('rocks-205') })).feed.id;
  const verification = await hub.waitFor(
    () => hub.verifications.find((v) => v.topic === hub.topicUrl('rocks-someone-else')),
    'the hub to verify',
    10_000,
  );
  assert.deepEqual([verification.status, verification.ok], [404, false]);
  assert.equal(hub.subscriptions('rocks-205').length, 0);
  assert.notEqual((await deliveryOf(refused)).mode, 'push');
});

test('through the built host, checkFeed says an h-feed page with a hub will be live by push, and adds nothing', async () => {
  hub.setTopic('rocks-check', { format: 'hfeed', entries: firstQuote });
  const before = (await call('listFeeds', {})).length;
  const checked = await call('checkFeed', { url: hub.topicUrl('rocks-check') });
  assert.deepEqual(checked.feed.push, {
    capable: true,
    live: true,
    hubUrl: hub.hubUrl,
    reason: `Live by push via ${new URL(hub.hubUrl).host}.`,
  });
  assert.equal((await call('listFeeds', {})).length, before);
});
