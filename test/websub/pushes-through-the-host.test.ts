import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startTestHost } from '../support/test-host';
import { startTestHub } from '../support/test-hub';
import { makeTempDir } from '../support/temp-dir';
import { fastTuning } from './push-core';

const root = join(import.meta.dirname, '..', '..');

test('end to end through the host: add a feed with a hub, publish, and the item arrives as an itemsAdded event', async () => {
  const hub = await startTestHub({ signature: 'sha1' });
  const t = await startTestHost({ allowHttpSecret: true, websubTuning: fastTuning });
  const controller = new AbortController();
  try {
    t.core.push.setPublicBaseUrl(t.core.push.callbackOrigin());
    hub.setTopic('e2e', { entries: [{ id: 'before', title: 'Before' }] });
    const response = await fetch(`${t.origin}/api/events?token=${t.token}`, { signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextEvent = async (name: string, accept: (payload: any) => boolean) => {
      for (;;) {
        const pattern = new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`, 'g');
        for (let match = pattern.exec(buffer); match; match = pattern.exec(buffer)) {
          const payload = JSON.parse(match[1]!);
          if (accept(payload)) {
            buffer = buffer.slice(match.index + match[0].length);
            return payload;
          }
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };

    const added = await t.call('addFeed', { url: hub.topicUrl('e2e') });
    const feedId: number = added.body.value.feed.id;
    const live = await nextEvent('feedChanged', (e) => e.feedId === feedId && e.feed?.delivery.mode === 'push');
    assert.equal(live.feed.delivery.hubUrl, hub.hubUrl);
    await hub.waitFor(() => hub.subscriptions('e2e')[0], 'the hub to record it');

    const [delivered] = await hub.publish('e2e', [{ id: 'pushed', title: 'Pushed the moment it was published' }]);
    assert.equal(delivered!.status, 200);
    const event = await nextEvent('itemsAdded', (e) => e.feedId === feedId);
    assert.deepEqual(
      event.items.map((i: { title: string }) => i.title),
      ['Pushed the moment it was published'],
    );
    const feeds = await t.call('listFeeds', {});
    const feed = feeds.body.value.find((f: { id: number }) => f.id === feedId);
    assert.equal(feed.delivery.mode, 'push');
    assert.ok(feed.delivery.lastPingAt > 0);
    const status = await t.call('getStatus', {});
    assert.equal(status.body.value.push.state, 'up');
  } finally {
    controller.abort();
    await t.close();
    await hub.close();
  }
});

test('npm run serve --callback-port --public-url --allow-http-secret: push works with no tunnel', async () => {
  const hub = await startTestHub({ signature: 'sha512' });
  const dir = makeTempDir();
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const callbackPort = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const publicUrl = `http://127.0.0.1:${callbackPort}`;
  const args = ['--data-dir', dir.path, '--token', 'push-token', '--callback-port', String(callbackPort)];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/main/host/cli.ts'), ...args, '--public-url', publicUrl, '--allow-http-secret'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    let output = '';
    const origin = await new Promise<string>((resolve, reject) => {
      const seen = () => {
        const match = /Tidings is listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
        if (match && output.includes('WebSub callbacks')) resolve(match[1]!);
      };
      // The address is the one line on stdout; the callback origin is told on stderr.
      child.stdout.on('data', (chunk) => {
        output += chunk;
        seen();
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
        seen();
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    assert.match(output, new RegExp(`WebSub callbacks are served on ${publicUrl}`));
    const call = async (method: string, arg: unknown): Promise<any> => {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: 'Bearer push-token' },
        body: JSON.stringify(arg),
      });
      return ((await response.json()) as { value: unknown }).value;
    };

    hub.setTopic('cli', {});
    const { feed } = await call('addFeed', { url: hub.topicUrl('cli') });
    const subscription = await hub.waitFor(() => hub.subscriptions('cli')[0], 'subscribed', 10_000);
    assert.ok(subscription.callback.startsWith(`${publicUrl}/websub/`));
    assert.ok(subscription.secret, 'a secret went to the plain-http hub, as the flag allows');
    assert.equal((await hub.publish('cli', [{ id: 'cli-1', title: 'Through the serve command' }]))[0]!.status, 200);
    await hub.waitFor(
      async () =>
        (await call('listItems', { feedId: feed.id })).items.some(
          (i: { title: string }) => i.title === 'Through the serve command',
        ),
      'the pushed item',
    );
    assert.deepEqual((await call('getStatus', {})).push.publicUrl, publicUrl);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  } finally {
    child.kill('SIGKILL');
    await hub.close();
    dir.remove();
  }
});
