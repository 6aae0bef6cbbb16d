import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestHost, type TestHost } from '../support/test-host';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { rss, type EntrySpec } from '../support/feeds';

let browser: Browser;
let t: TestHost;
let site: FixtureServer;
let entries: EntrySpec[];

const hostile =
  '<p>Calm seas today.</p><img src="x" onerror="window.__xss = 1"><script>window.__xss = 2</script>' +
  '<a href="javascript:window.__xss=3">click</a><a href="/relative">relative link</a>';

before(async () => {
  entries = [
    { id: 'tide-1', title: 'Spring tides expected this weekend', published: '2026-11-22T07:00:00Z', content: hostile },
    { id: 'tide-2', title: 'Harbour dredging finishes early', published: '2026-11-21T15:30:00Z' },
    { id: 'tide-3', title: 'New ferry route to the islands', published: '2026-11-20T09:10:00Z' },
  ];
  site = await startFixtureServer({
    '/feed.xml': (_req, res) =>
      void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Harbour Gazette', entries)),
  });
  t = await startTestHost();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
  await site?.close();
});

async function openApp(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(t.host.url);
  await page.getByRole('button', { name: '+ Add feed' }).waitFor();
  return page;
}

test('add a feed through the dialog, read an item safely, mark it, and refresh without duplicates', async () => {
  const page = await openApp();
  // The token left the address bar once stored.
  assert.doesNotMatch(page.url(), /token=/);

  // A bad address gets a sentence, and the dialog stays open.
  await page.getByRole('button', { name: '+ Add feed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  await dialog.getByLabel('Feed or website address').fill('not a url');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.getByRole('alert').filter({ hasText: 'is not a web address' }).waitFor();

  await dialog.getByLabel('Feed or website address').fill(site.url('/feed.xml'));
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });

  const feedRow = page.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /Harbour Gazette/ });
  await feedRow.waitFor();
  assert.match((await feedRow.textContent()) ?? '', /3$/);
  const rows = page.getByRole('option');
  assert.deepEqual(
    await rows.locator('.item-title').allTextContents(),
    entries.map((e) => e.title),
  );

  // Open the first item: its HTML shows, sanitised; nothing from the feed runs.
  await rows.first().click();
  const reader = page.getByRole('article', { name: 'Reader' });
  await reader.getByRole('heading', { name: entries[0]!.title }).waitFor();
  await reader.getByText('Calm seas today.').waitFor();
  const content = page.getByTestId('item-content');
  assert.equal(await content.locator('script').count(), 0);
  assert.equal(await content.locator('[onerror]').count(), 0);
  assert.equal(await content.getByText('click').getAttribute('href'), null);
  // Resolved when stored, against the feed's own address (it has no xml:base).
  assert.equal(await content.getByText('relative link').getAttribute('href'), site.url('/relative'));
  assert.equal(await page.evaluate(() => (globalThis as { __xss?: number }).__xss), undefined);

  // Opening marked it read; the count follows.
  await feedRow.filter({ hasText: /2$/ }).waitFor();

  // Keyboard: j moves on (and reads), m toggles it back to unread.
  await page.keyboard.press('j');
  await reader.getByRole('heading', { name: entries[1]!.title }).waitFor();
  await page.keyboard.press('m');
  await page
    .getByRole('option', { name: new RegExp(entries[1]!.title) })
    .and(page.locator('.unread'))
    .waitFor();
  await page.keyboard.press('k');
  await reader.getByRole('heading', { name: entries[0]!.title }).waitFor();

  // A second fetch of the same feed adds nothing.
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await page.getByRole('button', { name: 'Refresh', exact: true }).and(page.locator(':enabled')).waitFor();
  assert.equal(await rows.count(), 3);

  // Adding it again is refused in words.
  await page.getByRole('button', { name: '+ Add feed' }).click();
  await dialog.getByLabel('Feed or website address').fill(site.url('/feed.xml'));
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.getByRole('alert').filter({ hasText: 'already follow' }).waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.close();
});

test('items published later appear without a reload', async () => {
  const page = await openApp();
  await page.getByRole('option', { name: /Spring tides/ }).waitFor();
  entries.unshift({ id: 'tide-4', title: 'Storm warning lifted', published: '2026-11-22T08:00:00Z' });
  const feedId = (await t.core.listFeeds({}))[0]!.id;
  await t.core.refreshFeed({ feedId });
  await page.getByRole('option', { name: /Storm warning lifted/ }).waitFor();
  assert.equal(await page.getByRole('option').first().locator('.item-title').textContent(), 'Storm warning lifted');

  await page.close();
});
