import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../support/browser';
import { startTestHost } from '../support/test-host';
import { startTunnelServer } from '../support/tunnel-server';
import { freePort } from '../support/free-port';

test('the status bar says the tunnel is up, then down and why, live as it changes', async () => {
  const server = await startTunnelServer(await freePort());
  const t = await startTestHost({
    tunnelHost: server.origin,
    tunnelTuning: { healthIntervalMs: 300, healthFailures: 1, timeoutMs: 3000, retryBaseMs: 300, retryMaxMs: 1000 },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(t.host.url);
    const line = page.locator('.push-status > button');
    await line.filter({ hasText: 'Push via tunnel · 0 live by push · 0 polled' }).waitFor();
    await line.click();
    const panel = page.getByRole('group', { name: 'Push' });
    await panel.getByText(/Hubs reach Tidings at http:\/\/tidings-[a-z0-9]+\.localhost:\d+\./).waitFor();
    assert.equal(await panel.getByLabel('Tunnel server').inputValue(), server.origin);

    await server.close();
    await line.filter({ hasText: 'Tunnel down' }).waitFor({ timeout: 10_000 });
    assert.match((await line.getAttribute('title')) ?? '', /polled meanwhile/);
  } finally {
    await browser.close();
    await t.close();
    await server.close();
  }
});
