import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestHost, type TestHost } from '../support/test-host';
import { startFixtureServer, send, type FixtureServer } from '../support/fixture-server';
import { rss } from '../support/feeds';
import { hostileHtml } from '../support/hostile-html';
import { eventually } from '../support/eventually';

// Hostile items through the whole app (core cleaner, renderer sanitiser, the
// reader pane's CSS) in real Chromium. Every address in them points at a
// loopback site, so a request that escaped would show in its log.

let browser: Browser;
let t: TestHost;
let site: FixtureServer;
let evil: string;

before(async () => {
  site = await startFixtureServer();
  evil = site.url('/landed');
  const fixtures = hostileHtml(evil);
  site.route(
    '/feed.xml',
    send(
      rss('Hostile Gazette', [
        {
          id: 'links',
          title: 'Hostile links',
          published: '2026-11-22T07:00:00Z',
          content: fixtures.links.join('<br>'),
        },
        {
          id: 'boxes',
          title: 'Hostile boxes',
          published: '2026-11-21T07:00:00Z',
          content:
            '<p>Sitting still.</p>' + [...fixtures.escapes, ...fixtures.navigators, ...fixtures.scriptUrls].join(''),
        },
      ]),
    ),
  );
  site.route('/landed', send('<p>landed</p>', 'text/html'));
  t = await startTestHost();
  const added = await t.core.addFeed({ url: site.url('/feed.xml') });
  assert.ok('feed' in added);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
  await site?.close();
});

async function openItem(context: BrowserContext, title: string): Promise<{ page: Page; navigations: () => number }> {
  const page = await context.newPage();
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  page.on('dialog', (dialog) => assert.fail(`a ${dialog.type()} dialog opened: ${dialog.message()}`));
  await page.goto(t.host.url);
  await page.getByRole('option').filter({ hasText: title }).click();
  await page.getByRole('article', { name: 'Reader' }).getByRole('heading', { name: title }).waitFor();
  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations++;
  });
  return { page, navigations: () => navigations };
}

test('every hostile link opens outside the window (a new browsing context); the app never navigates', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, navigations } = await openItem(context, 'Hostile links');
  const home = page.url();
  const content = page.getByTestId('item-content');
  const clicks: Array<[string, () => Promise<void>]> = [
    ['upper', () => content.getByText('upper-case link').click()],
    ['lower', () => content.getByText('lower-case link aimed at the top frame').click()],
    ['svg', () => content.locator('text', { hasText: 'svg href link' }).click()],
    ['xlink', () => content.locator('text', { hasText: 'svg xlink link' }).click()],
    ['svg-upper', () => content.locator('text', { hasText: 'SVG upper link' }).click()],
    ['area', () => content.locator('img[usemap]').click({ position: { x: 20, y: 20 } })],
    ['ping', () => content.getByText('ping and download').click()],
  ];
  for (const [path, click] of clicks) {
    const opened = context.waitForEvent('page');
    await click();
    const popup = await opened;
    await eventually(() => popup.url() === `${evil}/${path}`, `the ${path} link to open ${evil}/${path}`);
    await popup.close();
    assert.equal(page.url(), home, `the ${path} link left the app where it was`);
  }
  assert.equal(navigations(), 0, 'the app window never navigated');
  assert.ok(!site.requests.some((r) => r.path === '/landed/pinged'), 'no ping went out');
  await context.close();
});

test('nothing from a hostile item covers the app, opens a dialog or popover, takes focus, or loads', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const before = site.requests.length;
  const { page, navigations } = await openItem(context, 'Hostile boxes');
  const content = page.getByTestId('item-content');
  await content.getByText('Sitting still.').waitFor();
  await content.getByText('negative margins').waitFor();
  const found = await page.evaluate(`(() => {
    const content = document.querySelector('[data-testid="item-content"]');
    const box = content.getBoundingClientRect();
    const escaped = [];
    for (let x = 2; x < innerWidth; x += 20) {
      for (let y = 2; y < innerHeight; y += 20) {
        const inside = x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
        const hit = document.elementFromPoint(x, y);
        if (!inside && hit && content.contains(hit) && hit !== content) escaped.push(x + ',' + y + ' ' + hit.localName);
      }
    }
    return {
      escaped: escaped.slice(0, 5),
      escapedCount: escaped.length,
      dialogs: document.querySelectorAll('dialog[open]').length,
      popovers: document.querySelectorAll(':popover-open').length,
      fullscreen: document.fullscreenElement !== null,
      focusInside: content.contains(document.activeElement),
      sheets: [...document.styleSheets].filter((sheet) => sheet.ownerNode && content.contains(sheet.ownerNode)).length,
    };
  })()`);
  assert.deepEqual(found, {
    escaped: [],
    escapedCount: 0,
    dialogs: 0,
    popovers: 0,
    fullscreen: false,
    focusInside: false,
    sheets: 0,
  });
  // Links whose script or data address was dropped do nothing when clicked.
  const opened: string[] = [];
  context.on('page', (popup) => opened.push(popup.url()));
  for (const words of ['entities', 'tab entity', 'named colon', 'data page'])
    await content.getByText(words, { exact: true }).click();
  for (const words of ['svg script', 'animated', 'set']) await content.locator('text', { hasText: words }).click();
  assert.deepEqual(opened, [], 'no dropped link opened anything');
  // The app around it still answers clicks: the sidebar, the list and the status bar are on top.
  await page.getByRole('option').filter({ hasText: 'Hostile links' }).click({ trial: true });
  await page.getByRole('button', { name: 'Rules' }).click({ trial: true });
  await page.getByRole('button', { name: '+ Add feed' }).click({ trial: true });
  assert.equal(navigations(), 0);
  assert.deepEqual(
    site.requests
      .slice(before)
      .filter((r) => r.path.startsWith('/landed'))
      .map((r) => r.path),
    [],
    'no frame, object, embed, style sheet, refresh or form reached the network',
  );
  await context.close();
});
