import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../support/browser';
import { startTestHost } from '../support/test-host';
import { startTestHub } from '../support/test-hub';
import { fastTuning } from '../websub/push-core';

test('with the page open, an item published through the hub appears without a reload and without a poll', async () => {
  const hub = await startTestHub({ signature: 'sha256' });
  const t = await startTestHost({ allowHttpSecret: true, websubTuning: fastTuning });
  const browser = await launchChromium();
  try {
    t.core.push.setPublicBaseUrl(t.core.push.callbackOrigin());
    hub.setTopic('live', { title: 'Live Wire', entries: [{ id: 'first', title: 'Already there' }] });
    const added = await t.call('addFeed', { url: hub.topicUrl('live') });
    const feedId: number = added.body.value.feed.id;
    await hub.waitFor(async () => {
      const feeds = await t.call('listFeeds', {});
      return feeds.body.value.find((f: { id: number }) => f.id === feedId)?.delivery.mode === 'push';
    }, 'the feed to be live by push');

    const page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(t.host.url);
    await page.getByText('Already there', { exact: true }).waitFor();
    await page.evaluate('globalThis.__sameLoad = true');
    const fetchesBefore = hub.topicFetches.length;

    const [delivered] = await hub.publish('live', [{ id: 'pushed', title: 'Pushed to the open page' }]);
    assert.equal(delivered!.status, 200);
    await page.getByText('Pushed to the open page', { exact: true }).waitFor();
    assert.equal(await page.evaluate('globalThis.__sameLoad'), true, 'no reload');
    assert.equal(hub.topicFetches.length, fetchesBefore, 'it came by push: the topic was not polled');
  } finally {
    await browser.close();
    await t.close();
    await hub.close();
  }
});
