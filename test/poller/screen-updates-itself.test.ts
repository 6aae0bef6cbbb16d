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
let feedId: number;

const serveFeed = () =>
  site.route(
    '/feed.xml',
    (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Tide Log', entries)),
  );
const publish = (id: string, title: string) => (entries = [{ id, title }, ...entries]);

before(async () => {
  // Enough items that the list scrolls.
  entries = Array.from({ length: 60 }, (_, i) => ({
    id: `old-${i}`,
    title: `Old entry ${i}`,
    published: new Date(Date.UTC(2026, 0, 1) - i * 3_600_000).toISOString(),
  }));
  site = await startFixtureServer();
  serveFeed();
  t = await startTestHost();
  // Push off: only polling brings new items.
  await t.call('updateSettings', { pushEnabled: false });
  const added = await t.call('addFeed', { url: site.url('/feed.xml') });
  feedId = added.body.value.feed.id;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
  await site?.close();
});

/** Waits for a condition in the page (an expression: the app's CSP forbids the eval waitForFunction uses). */
async function waitUntil(page: Page, expression: string): Promise<void> {
  while (!(await page.evaluate(expression))) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function openApp(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(t.host.url);
  await page.getByText('Old entry 0', { exact: true }).waitFor();
  // Survives only if the page is never reloaded.
  await page.evaluate('globalThis.__sameLoad = true');
  return page;
}

test('with push off, a new item appears after a poll without a reload; the list keeps its place and says "N new"', async () => {
  const page = await openApp();
  try {
    await page.evaluate(`document.querySelector('.item-list').scrollTop = 600`);
    publish('new-1', 'Fresh from the poll');
    const progress = await t.call('refreshAll');
    assert.equal(progress.body.value.added, 1);

    await page.locator('[data-item-id]').filter({ hasText: 'Fresh from the poll' }).waitFor({ state: 'attached' });
    const marker = page.getByRole('button', { name: /1 new/ });
    await marker.waitFor();
    const scrollTop = Number(await page.evaluate(`document.querySelector('.item-list').scrollTop`));
    assert.ok(scrollTop > 300, `the list kept its place (scrollTop ${scrollTop})`);
    assert.equal(await page.evaluate('globalThis.__sameLoad'), true);
    // The feed's unread count followed.
    await page.locator(`[data-feed-id="${feedId}"] .count`).filter({ hasText: '61' }).waitFor();

    await marker.click();
    await waitUntil(page, `document.querySelector('.item-list').scrollTop === 0`);
    await page.getByText('Fresh from the poll', { exact: true }).waitFor();

    // "Refresh all" from the screen, with its progress and its result.
    publish('new-2', 'Fetched by refresh all');
    await page.getByRole('button', { name: 'Refresh all' }).click();
    await page.getByText('Fetched by refresh all', { exact: true }).waitFor();
    await page.getByText('1 new', { exact: true }).waitFor();

    // The polling bounds are the user's to set.
    await page.getByRole('button', { name: 'Polling…' }).click();
    const longest = page.getByRole('group', { name: 'Polling' }).getByLabel('Never less often than every');
    await longest.fill('120');
    await longest.press('Enter');
    // Saved in the core (the test's own timeout bounds the wait).
    while ((await t.call('getSettings')).body.value.pollMaxMinutes !== 120) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(await longest.inputValue(), '120');
  } finally {
    await page.close();
  }
});

test('with the event stream dropped, the screen catches up through changesSince', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
  try {
    // The stream "connects" and ends at once, asking to retry in ten minutes: no live events.
    await page.route('**/api/events**', (route) =>
      route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: 'retry: 600000\n\n' }),
    );
    await page.goto(t.host.url);
    await page.getByText('Old entry 0', { exact: true }).waitFor();
    const calls: string[] = [];
    page.on('request', (request) => calls.push(new URL(request.url()).pathname));

    publish('new-3', 'Missed by the stream');
    await t.call('refreshFeed', { feedId });
    await page.evaluate(`window.dispatchEvent(new Event('focus'))`);

    await page.getByText('Missed by the stream', { exact: true }).waitFor();
    assert.ok(calls.includes('/api/changesSince'), 'asked for changes');
    assert.ok(!calls.includes('/api/listItems'), 'merged, not reloaded');
    await page.locator(`[data-feed-id="${feedId}"] .count`).filter({ hasText: '63' }).waitFor();
  } finally {
    await page.close();
  }
});
