import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestHost, type TestHost } from '../support/test-host';
import { entriesOf, startFeedServer, type FeedServer } from './serve-feeds';

let browser: Browser;
let t: TestHost;
let feeds: FeedServer;
let coast: number;

before(async () => {
  feeds = await startFeedServer();
  t = await startTestHost();
  coast = await feeds.follow(t.core, 'Coast News', [
    {
      id: 'c1',
      title: 'Ferry timetable for the winter',
      published: '2026-11-20T08:00:00Z',
      content: '<p>The <b>lighthouse</b> keeper says the ferry leaves at noon.</p>',
    },
    {
      id: 'c2',
      title: 'Lighthouse reopens after repairs',
      published: '2026-11-19T08:00:00Z',
      content: '<p>Visitors can climb again.</p>',
    },
    { id: 'c3', title: 'Market day moves to Friday', published: '2026-11-18T08:00:00Z' },
  ]);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
  await feeds?.close();
});

async function openApp(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(t.host.url);
  await page.getByRole('option').first().waitFor();
  return page;
}

test('search from the UI as you type, see the matches marked, and open a result', async () => {
  const page = await openApp();
  const box = page.getByRole('searchbox', { name: 'Search items' });
  await page.keyboard.press('/');
  assert.equal(await box.and(page.locator(':focus')).count(), 1, '/ focuses the search');
  await page.keyboard.type('lighth', { delay: 20 });

  const results = page.getByRole('listbox', { name: 'Items' }).getByRole('option');
  await page.getByRole('heading', { name: 'Search: 2 found' }).waitFor();
  assert.equal(await results.count(), 2);
  // The title match ranks first; matches are <mark> elements, the rest plain text.
  assert.equal(await results.first().locator('.item-title').textContent(), 'Lighthouse reopens after repairs');
  assert.equal(await results.first().locator('.item-title mark').textContent(), 'Lighthouse');
  const second = results.nth(1);
  assert.equal(await second.locator('.item-snippet mark').textContent(), 'lighthouse');
  assert.match((await second.locator('.item-snippet').textContent()) ?? '', /The lighthouse keeper says/);
  assert.equal(await second.locator('.item-snippet b').count(), 0, 'feed markup is never rendered');

  await second.click();
  const reader = page.getByRole('article', { name: 'Reader' });
  await reader.getByRole('heading', { name: 'Ferry timetable for the winter' }).waitFor();
  await second.and(page.locator('.read')).waitFor();

  // Escape clears the search and the whole list is back.
  await box.focus();
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: 'All items' }).waitFor();
  await page.getByRole('option', { name: /Market day/ }).waitFor();
  await page.close();
});

test('star from the keyboard (s), find it in the starred view, and unstar it there', async () => {
  const page = await openApp();
  await page.getByRole('option', { name: /Market day/ }).click();
  await page
    .getByRole('article', { name: 'Reader' })
    .getByRole('heading', { name: /Market day/ })
    .waitFor();
  await page.keyboard.press('s');
  const row = page.getByRole('option', { name: /Market day/ });
  await row.getByLabel('starred').waitFor();

  await page.getByRole('button', { name: /Starred/ }).click();
  await page.getByRole('heading', { name: 'Starred' }).waitFor();
  assert.deepEqual(await page.getByRole('option').locator('.item-title').allTextContents(), [
    'Market day moves to Friday',
  ]);
  const stored = await t.core.listItems({ starredOnly: true });
  assert.deepEqual(
    stored.items.map((i) => i.title),
    ['Market day moves to Friday'],
  );

  await page.getByRole('option').first().click();
  const saved = page.waitForResponse((response) => response.url().endsWith('/api/setStarred'));
  await page.keyboard.press('s');
  await page.getByRole('option').first().getByLabel('starred').waitFor({ state: 'detached' });
  await saved;
  assert.equal((await t.core.listItems({ starredOnly: true })).items.length, 0);
  await page.close();
});

test('mark all read, then undo, from the item list', async () => {
  const page = await openApp();
  await page
    .getByRole('navigation', { name: 'Feeds' })
    .getByRole('button', { name: /Coast News/ })
    .click();
  await page.getByRole('button', { name: 'Mark all read' }).click();
  const toast = page.getByRole('status').filter({ hasText: /Marked \d+ items? read/ });
  await toast.waitFor();
  await page.locator('.item-row.unread').first().waitFor({ state: 'detached' });
  assert.equal((await t.core.listFeeds({})).find((f) => f.id === coast)!.unreadCount, 0);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await page.locator('.item-row.unread').first().waitFor();
  assert.ok((await t.core.listFeeds({})).find((f) => f.id === coast)!.unreadCount > 0);
  await page.close();
});

test('the status bar sets how long read items are kept', async () => {
  const page = await openApp();
  assert.equal((await t.core.getSettings({})).keepReadDays, null);
  await page.getByText('Keep read items: forever').click();
  const saved = page.waitForResponse((response) => response.url().endsWith('/api/updateSettings'));
  await page.getByRole('radio', { name: '1 month' }).check();
  await saved;
  assert.equal((await t.core.getSettings({})).keepReadDays, 30);
  await page.close();
});

test('a long list keeps only the rows in view in the page, and scrolling to its end loads older pages', async () => {
  await feeds.follow(t.core, 'Deep Archive', entriesOf('Archive', 450, Date.UTC(2026, 9, 1)));
  const page = await openApp();
  await page
    .getByRole('navigation', { name: 'Feeds' })
    .getByRole('button', { name: /Deep Archive/ })
    .click();
  await page.getByRole('option', { name: /Archive item 0\b/ }).waitFor();
  const inDom = await page.getByRole('option').count();
  assert.ok(inDom > 5 && inDom < 80, `only the visible rows are rendered (${inDom})`);

  // Scroll to the end until the oldest item shows: pages load as the end comes into view.
  const list = page.getByRole('listbox', { name: 'Items' });
  const oldest = page.getByRole('option', { name: /Archive item 449\b/ });
  for (let round = 0; round < 40 && !(await oldest.isVisible()); round++) {
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForTimeout(50);
  }
  await oldest.waitFor();
  assert.ok((await page.getByRole('option').count()) < 80, 'still only the rows in view');
  await page.close();
});
