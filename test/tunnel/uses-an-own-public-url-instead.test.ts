import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../support/browser';
import { startTestHost } from '../support/test-host';
import { startTunnelServer } from '../support/tunnel-server';
import { startTestHub } from '../support/test-hub';
import { freePort } from '../support/free-port';

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const end = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('an own public URL set in the GUI replaces the tunnel, and clearing it brings the tunnel back', async () => {
  const server = await startTunnelServer(await freePort());
  const hub = await startTestHub({ signature: 'sha256' });
  const t = await startTestHost({
    tunnelHost: server.origin,
    allowHttpSecret: true,
    tunnelTuning: { healthIntervalMs: 300, healthFailures: 1, timeoutMs: 3000, retryBaseMs: 300, retryMaxMs: 1000 },
  });
  const browser = await launchChromium();
  try {
    const status = () => t.core.getStatus({});
    await until(status, (s) => s.tunnel.state === 'up', 'the tunnel');

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(t.host.url);
    await page.locator('.push-status > button').click();
    const own = t.core.push.callbackOrigin()!;
    const field = page.getByRole('group', { name: 'Push' }).getByLabel('Own public address');
    await field.fill(own);
    await field.blur();

    const direct = await until(status, (s) => s.push.publicUrl === own && s.tunnel.state === 'off', 'the own URL');
    assert.equal(direct.push.state, 'up');
    assert.equal((await t.core.getSettings({})).publicUrl, own);

    // New subscriptions call back on the own address.
    hub.setTopic('own', { title: 'Own', entries: [{ id: 'o1', title: 'First' }] });
    await t.core.addFeed({ url: hub.topicUrl('own') });
    const subscription = await hub.waitFor(() => hub.subscriptions('own')[0], 'subscribed');
    assert.ok(subscription.callback.startsWith(`${own}/websub/`), subscription.callback);

    await field.fill('');
    await field.blur();
    await until(status, (s) => s.tunnel.state === 'up' && s.push.publicUrl !== own, 'the tunnel again');
    assert.equal((await t.core.getSettings({})).publicUrl, null);
  } finally {
    await browser.close();
    await t.close();
    await hub.close();
    await server.close();
  }
});

test('a public URL that is not an http(s) address is refused with a readable reason', async () => {
  const t = await startTestHost();
  try {
    const bad = await t.call('updateSettings', { publicUrl: 'ftp://example.net/' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /publicUrl: must be an http\(s\) address/);
  } finally {
    await t.close();
  }
});
