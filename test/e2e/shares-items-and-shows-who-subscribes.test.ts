import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestHost } from '../support/test-host';
import { startTestSubscriber } from '../support/test-subscriber';
import { startFixtureServer, send } from '../support/fixture-server';
import { rss } from '../support/feeds';
import { fastHubTuning, hubPost, sign, waitFor } from '../hub/sharing-core';

const docs = join(import.meta.dirname, '..', '..', 'docs');
const shoot = async (page: Page, name: string) => {
  if (process.env.TIDINGS_SCREENSHOT) await page.screenshot({ path: join(docs, `${name}.png`) });
};

test('share with a note by h: it shows on the item, in Shared and in /shared.atom; the Sharing panel follows a subscriber and its deliveries live; unshare removes the entry', async () => {
  const site = await startFixtureServer({
    '/harbour.xml': send(
      rss('Harbour Gazette', [
        {
          id: 'h1',
          title: 'Spring tides expected this weekend',
          published: '2026-11-22T07:00:00Z',
          content: '<p>The harbour master expects the highest tides of the year.</p>',
        },
        { id: 'h2', title: 'Harbour dredging finishes early', published: '2026-11-21T15:30:00Z' },
      ]),
    ),
  });
  const subscriber = await startTestSubscriber();
  // The subscriber listens on loopback: the host flag --hub-allow-private-callbacks lets the hub call it.
  const t = await startTestHost({ hubAllowPrivateCallbacks: true, hubTuning: fastHubTuning });
  const browser = await launchChromium();
  try {
    const added = await t.core.addFeed({ url: site.url('/harbour.xml') });
    assert.ok('feed' in added);
    const items = (await t.core.listItems({ feedId: added.feed.id })).items;
    const tides = items.find((i) => i.title.startsWith('Spring tides'))!;
    const dredging = items.find((i) => i.title.startsWith('Harbour dredging'))!;

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(t.host.url);

    // No public address yet: the panel says why, then shows the address the moment there is one.
    await page.getByRole('button', { name: 'Sharing', exact: true }).click();
    const panel = page.getByRole('dialog', { name: 'Sharing' });
    await panel.getByText(/^No public address: .+/).waitFor();
    t.core.push.setPublicBaseUrl(t.core.push.callbackOrigin());
    const address = panel.getByRole('textbox', { name: 'Shared feed address' });
    await address.waitFor();
    const feedUrl = await address.inputValue();
    assert.equal(feedUrl, `${t.core.push.callbackOrigin()}/shared.atom`);
    await panel.getByText('Nobody subscribes yet.').waitFor();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    // Share by h with a note: the dialog, then the item shows it is shared.
    await page.getByRole('option', { name: /Spring tides/ }).click();
    const reader = page.getByRole('article', { name: 'Reader' });
    await reader.getByText('highest tides of the year').waitFor();
    const shareButton = reader.getByRole('button', { name: 'Share', exact: true });
    assert.equal(await shareButton.getAttribute('aria-pressed'), 'false');
    await page.keyboard.press('h');
    const dialog = page.getByRole('dialog', { name: 'Share' });
    await dialog.getByLabel('Note (optional)').fill('Check the moorings & the slipway <twice>');
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await reader.locator('button[aria-pressed="true"]', { hasText: 'Shared' }).waitFor();
    await reader
      .getByRole('status', { name: 'Shared' })
      .getByText('Check the moorings & the slipway <twice>')
      .waitFor();
    assert.deepEqual(
      (await t.core.listShared({})).map((e) => [e.itemId, e.note]),
      [[tides.id, 'Check the moorings & the slipway <twice>']],
    );

    // The shared feed over loopback carries the entry and the note (escaped, as text).
    const atom = await (await fetch(feedUrl)).text();
    assert.match(atom, /<title[^>]*>Spring tides expected this weekend<\/title>/);
    assert.match(atom, /Check the moorings &amp;(amp;)? the slipway &(amp;)?lt;twice&(amp;)?gt;/);

    // The Shared view lists it with its note.
    await page.locator('.feeds').getByRole('button', { name: 'Shared' }).click();
    const shared = page.getByRole('list', { name: 'Shared entries' });
    const entry = shared.getByRole('listitem').filter({ hasText: 'Spring tides expected this weekend' });
    await entry.getByText('Check the moorings & the slipway <twice>').waitFor();
    assert.equal(await shared.getByRole('listitem').count(), 1);

    // A subscriber appears in the open panel as soon as the hub has verified it, and so does each delivery.
    await page.getByRole('button', { name: 'Sharing…' }).click();
    await panel.getByText('Nobody subscribes yet.').waitFor();
    const asked = await hubPost(`${t.core.push.callbackOrigin()}/hub`, {
      'hub.mode': 'subscribe',
      'hub.topic': feedUrl,
      'hub.callback': subscriber.callback('/harbour-watch'),
      'hub.secret': 'tide-table',
    });
    assert.equal(asked.status, 202, asked.body);
    const row = panel.locator('.sharing-table tbody tr');
    await row.getByText(`127.0.0.1:${subscriber.port} (signed)`).waitFor();
    assert.match((await row.textContent()) ?? '', /nothing delivered yet/);
    assert.match((await row.locator('td').nth(1).textContent()) ?? '', /^(9|10) days left$/);

    await t.core.shareItem({ itemId: dredging.id });
    await row.locator('td.good', { hasText: /200/ }).waitFor();
    await row.locator('td', { hasText: /^none$/ }).waitFor();
    const delivered = subscriber.received.at(-1)!;
    assert.match(delivered.body.toString(), /Harbour dredging finishes early/);
    assert.equal(delivered.headers['x-hub-signature'], sign(delivered.body, 'tide-table'));

    // The feed's title, edited in the panel, reaches the subscriber in the next delivery.
    const before = subscriber.received.length;
    await panel.getByLabel('Shared feed title').fill('Notes from the harbour');
    await panel.getByRole('button', { name: 'Save settings' }).click();
    await waitFor(() => subscriber.received.length > before, 'the delivery with the new title');
    assert.match(subscriber.received.at(-1)!.body.toString(), /<title[^>]*>Notes from the harbour<\/title>/);
    assert.equal((await t.core.getSettings({})).sharedFeedTitle, 'Notes from the harbour');
    await shoot(page, 'sharing-panel');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'sharing-panel-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // A bad hub address is refused in words, and nothing is stored.
    await panel.getByLabel('External hubs (one address a line)').fill('ftp://hub.example/');
    await panel.getByRole('button', { name: 'Save settings' }).click();
    await panel
      .getByRole('alert')
      .getByText(/http\(s\) address/)
      .waitFor();
    assert.deepEqual((await t.core.getSettings({})).shareHubUrls, []);
    await panel.getByLabel('External hubs (one address a line)').fill('');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    // Unshare from the Shared view: gone from the list, the item, the feed; the subscriber hears of it.
    const heard = subscriber.received.length;
    await shared.getByRole('button', { name: 'Unshare Spring tides expected this weekend' }).click();
    await entry.waitFor({ state: 'detached' });
    await shared.getByRole('listitem').filter({ hasText: 'Harbour dredging finishes early' }).waitFor();
    assert.deepEqual(
      (await t.core.listShared({})).map((e) => e.itemId),
      [dredging.id],
    );
    assert.doesNotMatch(await (await fetch(feedUrl)).text(), /Spring tides/);
    await waitFor(() => subscriber.received.length > heard, 'the delivery after the unshare');
    assert.doesNotMatch(subscriber.received.at(-1)!.body.toString(), /Spring tides/);

    // Opened again, the unshared item offers Share; h on a shared one offers its note and Unshare.
    await shared.getByRole('button', { name: 'Harbour dredging finishes early', exact: true }).click();
    await reader.locator('button[aria-pressed="true"]', { hasText: 'Shared' }).waitFor();
    await page.keyboard.press('h');
    await dialog.getByRole('button', { name: 'Unshare' }).click();
    await dialog.waitFor({ state: 'detached' });
    await reader.locator('button[aria-pressed="false"]', { hasText: 'Share' }).waitFor();
    await page.getByText('Nothing shared yet', { exact: false }).waitFor();
    assert.deepEqual(await t.core.listShared({}), []);
  } finally {
    await browser.close();
    await t.close();
    await subscriber.close();
    await site.close();
  }
});
