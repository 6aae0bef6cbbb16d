import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../support/browser';
import { startTestHost } from '../support/test-host';
import { startTestHub } from '../support/test-hub';
import { atom } from '../support/feeds';
import { fastTuning } from './push-core';

test('the sidebar shows a live dot for a pushed feed and its details explain the delivery in words', async () => {
  const hub = await startTestHub({ signature: 'sha256', payload: 'diff' });
  const t = await startTestHost({ allowHttpSecret: true, websubTuning: fastTuning });
  const browser = await launchChromium();
  try {
    t.core.push.setPublicBaseUrl(t.core.push.callbackOrigin());
    hub.setTopic('ui', { title: 'Pushed Gazette', entries: [{ id: 'u1', title: 'First' }] });
    const added = await t.call('addFeed', { url: hub.topicUrl('ui') });
    const feedId: number = added.body.value.feed.id;
    const subscription = await hub.waitFor(() => hub.subscriptions('ui')[0], 'subscribed');
    hub.knobs.signature = 'corrupt';
    await hub.deliver(subscription, atom('ui', [{ id: 'forged', title: 'Forged' }]));

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(t.host.url);
    const row = page.locator(`[data-feed-id="${feedId}"]`);
    await row.locator('.dot.push').waitFor();
    await row.click();
    const details = page.locator('details.feed-delivery');
    await details.locator('summary').click();
    await details.getByText('Live: the hub pushes new items').waitFor();
    const text = await details.innerText();
    assert.match(text, new RegExp(`Hub\\s+${new URL(hub.hubUrl).host}`));
    assert.match(text, /Subscription renews before/);
    assert.match(text, /Rejected deliveries\s+1 dropped: signed wrongly/);
  } finally {
    await browser.close();
    await t.close();
    await hub.close();
  }
});
