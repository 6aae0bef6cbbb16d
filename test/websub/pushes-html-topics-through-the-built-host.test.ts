import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestHub, websubRocksKnobs } from '../support/test-hub';
import { makeTempDir } from '../support/temp-dir';
import { freePort } from '../support/free-port';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'out/host/cli.js');

test('the built host (node out/host/cli.js --callback-port --public-url --allow-http-secret) passes websub.rocks-style checks on h-feed topics', async () => {
  if (!existsSync(cli))
    throw new Error('out/host/cli.js is missing: run "npm run build:host" (npm test does it first).');
  const hub = await startTestHub(websubRocksKnobs);
  const dir = makeTempDir();
  const callbackPort = await freePort();
  const publicUrl = `http://127.0.0.1:${callbackPort}`;
  const child = spawn(
    process.execPath,
    [cli, '--data-dir', dir.path, '--token', 'rocks', '--callback-port', String(callbackPort)].concat([
      '--public-url',
      publicUrl,
      '--allow-http-secret',
    ]),
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    let output = '';
    const origin = await new Promise<string>((resolve, reject) => {
      const seen = (chunk: Buffer) => {
        output += chunk;
        const match = /Tidings is listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
        if (match) resolve(match[1]!);
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const call = async (method: string, arg: unknown): Promise<any> => {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: 'Bearer rocks', 'content-type': 'application/json' },
        body: JSON.stringify(arg),
      });
      const envelope = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
      if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
      return envelope.value;
    };
    const titles = async (feedId: number) =>
      ((await call('listItems', { feedId })).items as Array<{ title: string }>).map((i) => i.title);

    // An h-feed page behind a 302, whose Link headers name the hub and a self that differs from its URL.
    hub.setTopic('rocks', { redirect: { status: 302, to: 'rocks-page' } });
    hub.setTopic('rocks-page', {
      format: 'hfeed',
      hfeedIds: 'positional',
      entries: [{ id: 'q0', title: 'A first quote' }],
      linkHeader: [`<${hub.hubUrl}>; rel=hub`, `</topics/rocks-self>; rel=self`],
    });
    hub.setTopic('rocks-self', {
      format: 'hfeed',
      hfeedIds: 'positional',
      entries: [{ id: 'q0', title: 'A first quote' }],
    });
    const added = await call('addFeed', { url: hub.topicUrl('rocks') });
    const feedId: number = added.feed.id;
    const subscription = await hub.waitFor(() => hub.subscriptions('rocks-self')[0], 'subscribed by its self', 10_000);
    assert.ok(subscription.callback.startsWith(`${publicUrl}/websub/`));
    assert.ok(subscription.secret, 'a secret went to the plain-http hub, as the flag allows');
    await hub.waitFor(
      async () => (await call('listFeeds', {})).find((f: { id: number }) => f.id === feedId)?.delivery.mode === 'push',
      'live by push',
      10_000,
    );

    // 300: a whole page labelled text/html, signed sha256: 2xx and stored.
    const [ok] = await hub.publish('rocks-self', [{ id: 'q1', title: 'A pushed quote' }]);
    assert.equal(ok!.status, 200);
    await hub.waitFor(async () => (await titles(feedId)).includes('A pushed quote'), 'the pushed quote', 10_000);

    // 301: a wrong signature: 2xx, not stored.
    hub.knobs.signature = 'corrupt';
    const [forged] = await hub.publish('rocks-self', [{ id: 'q2', title: 'A forged quote' }]);
    assert.equal(forged!.status, 200);
    // 302: no signature: refused, not stored.
    hub.knobs.signature = 'none';
    const [unsigned] = await hub.publish('rocks-self', [{ id: 'q3', title: 'An unsigned quote' }]);
    assert.ok(unsigned!.status >= 400 && unsigned!.status < 500, `answered ${unsigned!.status}`);
    const feed = (await call('listFeeds', {})).find((f: { id: number }) => f.id === feedId);
    assert.equal(feed.delivery.rejectedSignatures, 1);
    const now = await titles(feedId);
    assert.equal(now.includes('A forged quote') || now.includes('An unsigned quote'), false, now.join(', '));

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  } finally {
    child.kill('SIGKILL');
    await hub.close();
    dir.remove();
  }
});
