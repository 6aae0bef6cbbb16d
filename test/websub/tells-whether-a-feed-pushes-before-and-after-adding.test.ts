import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestHost, type TestHost } from '../support/test-host';
import { startTestHub, defaultKnobs, type TestHub } from '../support/test-hub';
import { withTestCore } from '../support/test-core';
import { fastTuning, withPushCore } from './push-core';

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());
beforeEach(() => Object.assign(hub.knobs, defaultKnobs()));

const hubHost = () => new URL(hub.hubUrl).host;

test('checkFeed says, without adding anything, whether a feed is push-capable here and now, and why', async () => {
  hub.setTopic('check-push', { entries: [{ id: 'a', title: 'A' }] });
  hub.setTopic('check-hubless', { linkHeader: null });
  hub.setTopic('check-page', {
    format: 'hfeed',
    linkHeader: null,
    documentLinks: '<link rel="alternate" type="application/atom+xml" href="/topics/check-push">',
    entries: [{ id: 'p', title: 'On the page' }],
  });
  await withPushCore(async ({ core }) => {
    const live = await core.checkFeed({ url: hub.topicUrl('check-push') });
    assert.ok('feed' in live);
    assert.deepEqual(live.feed.push, {
      capable: true,
      live: true,
      hubUrl: hub.hubUrl,
      reason: `Live by push via ${hubHost()}.`,
    });
    assert.deepEqual([live.feed.itemCount, live.feed.existingFeedId], [1, null]);
    assert.equal((await core.listFeeds({})).length, 0, 'nothing was added');

    const hubless = await core.checkFeed({ url: hub.topicUrl('check-hubless') });
    assert.ok('feed' in hubless);
    assert.deepEqual([hubless.feed.push.capable, hubless.feed.push.live], [false, false]);
    assert.match(hubless.feed.push.reason, /^Polled: this feed names no WebSub hub/);

    // A page with an alternate and its own h-entries: the choices, as addFeed would offer them.
    const page = await core.checkFeed({ url: hub.topicUrl('check-page') });
    assert.ok('choices' in page);
    assert.equal(page.choices.length, 2);

    const added = await core.addFeed({ url: hub.topicUrl('check-push') });
    assert.ok('feed' in added);
    const again = await core.checkFeed({ url: hub.topicUrl('check-push') });
    assert.ok('feed' in again);
    assert.equal(again.feed.existingFeedId, added.feed.id);
  });

  // No public address: capable, but polled until one exists; push off: capable, polled, and it says so.
  await withTestCore(async ({ core }) => {
    const waiting = await core.checkFeed({ url: hub.topicUrl('check-push') });
    assert.ok('feed' in waiting);
    assert.deepEqual([waiting.feed.push.capable, waiting.feed.push.live], [true, false]);
    assert.match(waiting.feed.push.reason, /no public address reaches Tidings yet/);
  });
  await withTestCore(
    async ({ core }) => {
      const off = await core.checkFeed({ url: hub.topicUrl('check-push') });
      assert.ok('feed' in off);
      assert.match(off.feed.push.reason, /push is off in the settings/);
    },
    { noPush: true },
  );
  await withTestCore(async ({ core }) => {
    await assert.rejects(core.checkFeed({ url: 'not a url' }), /not a web address/);
  });
});

let browser: Browser;
let t: TestHost;
before(async () => {
  t = await startTestHost({ allowHttpSecret: true, websubTuning: fastTuning });
  t.core.push.setPublicBaseUrl(t.core.push.callbackOrigin());
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('the add-feed dialog tells before adding whether a feed pushes, and after adding how it arrives', async () => {
  hub.setTopic('dialog-push', { title: 'Pushing Post', entries: [{ id: 'a', title: 'A' }] });
  hub.setTopic('dialog-polled', { title: 'Polled Post', linkHeader: null });
  const page = await browser.newPage();
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(t.host.url);

  await page.getByRole('button', { name: '+ Add feed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  const address = dialog.getByLabel('Feed or website address');
  await address.fill(hub.topicUrl('dialog-polled'));
  const told = dialog.getByLabel('What this address holds');
  await told.filter({ hasText: 'Polled: this feed names no WebSub hub' }).waitFor();
  assert.match(await told.innerText(), /Polled Post/);

  await address.fill(hub.topicUrl('dialog-push'));
  await told.filter({ hasText: `Live by push via ${hubHost()}.` }).waitFor();
  assert.equal((await t.call('listFeeds', {})).body.value.length, 0, 'checking added nothing');

  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  const notice = page.getByRole('status', { name: 'Feed added' });
  await notice.filter({ hasText: 'Pushing Post' }).waitFor();
  // Pending at first, then live once the hub has verified.
  await notice.filter({ hasText: `Live by push via ${hubHost()}.` }).waitFor();
  await page.close();
});
