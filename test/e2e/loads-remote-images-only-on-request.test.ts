import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestHost, type TestHost } from '../support/test-host';
import { startFixtureServer, send, type FixtureServer } from '../support/fixture-server';
import { png } from '../support/images';
import { eventually } from '../support/eventually';

// "Load remote images" (loadRemoteImages) in real Chromium: with it off, a
// loopback image server hears nothing when an item opens, until the reader
// asks with "Show images".

let browser: Browser;
let t: TestHost;
let site: FixtureServer;
let images: FixtureServer;

/** What an item shows the moment it opens: the ones a browser fetches. */
const fetchedOnOpen = ['/inline.png', '/with-srcset.png', '/picture.png', '/poster.png', '/thumb.png'];
/** Never fetched, images on or off: the sanitisers drop them. */
const neverFetched = ['/srcset.png', '/source.png', '/style.png', '/table.png', '/svg.png'];

function feed(imagesOrigin: string): string {
  const at = (path: string) => imagesOrigin + path;
  const content =
    `<p>Pictures of the harbour.</p><img src="${at('/inline.png')}" alt="inline">` +
    `<img src="${at('/with-srcset.png')}" srcset="${at('/srcset.png')} 2x" alt="srcset">` +
    `<picture><source srcset="${at('/source.png')}"><img src="${at('/picture.png')}" alt="picture"></picture>` +
    `<video poster="${at('/poster.png')}" src="${at('/video.mp4')}"></video>` +
    `<p style="background:url(${at('/style.png')})">styled</p>` +
    `<table background="${at('/table.png')}"><tr><td>cell</td></tr></table>` +
    `<svg width="10" height="10"><image href="${at('/svg.png')}" width="10" height="10"/></svg>` +
    `<img src="data:image/png;base64,${png(4).toString('base64')}" alt="inline data">`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:m="http://search.yahoo.com/mrss/">
<channel><title>Picture Post</title><link>https://pictures.example/</link><description>d</description>
<item><title>Pictures</title><guid isPermaLink="false">pictures-1</guid><link>https://pictures.example/1</link>
<description><![CDATA[${content}]]></description>
<m:thumbnail url="${at('/thumb.png')}" width="4" height="4"/></item>
</channel></rss>`;
}

before(async () => {
  images = await startFixtureServer();
  for (const path of [...fetchedOnOpen, ...neverFetched])
    images.route(path, send(png(8), 'image/png', { 'cache-control': 'no-store' }));
  site = await startFixtureServer({ '/feed.xml': send(feed(images.origin)) });
  t = await startTestHost();
  const added = await t.core.addFeed({ url: site.url('/feed.xml') });
  assert.ok('feed' in added);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
  await site?.close();
  await images?.close();
});

const imagePaths = () => new Set(images.requests.map((request) => request.path));

async function openApp(): Promise<{ page: Page; close(): Promise<void> }> {
  // A fresh context each time: nothing comes from an earlier one's cache.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(t.host.url);
  await page.getByRole('option').first().waitFor();
  return { page, close: () => context.close() };
}

test('by default an item loads its remote images, and only those the sanitisers keep', async () => {
  assert.equal((await t.core.getSettings({})).loadRemoteImages, true);
  const { page, close } = await openApp();
  await page.getByRole('option').filter({ hasText: 'Pictures' }).click();
  await eventually(() => fetchedOnOpen.every((path) => imagePaths().has(path)), 'every shown image to be fetched');
  assert.equal(await page.getByRole('button', { name: 'Show images' }).count(), 0);
  assert.deepEqual(
    neverFetched.filter((path) => imagePaths().has(path)),
    [],
    'no srcset, picture source, style, background or SVG image',
  );
  await close();
});

test('with "Load remote images" off, the image server hears nothing until "Show images", then it does', async () => {
  const { page, close } = await openApp();
  await page.getByLabel('Load remote images').uncheck();
  await eventually(async () => (await t.core.getSettings({})).loadRemoteImages === false, 'the setting to be saved');
  images.requests.length = 0;
  const asked: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(images.origin)) asked.push(request.url());
  });

  await page.getByRole('option').filter({ hasText: 'Pictures' }).click();
  const reader = page.getByRole('article', { name: 'Reader' });
  await reader.getByText('Pictures of the harbour.').waitFor();
  await reader.getByRole('status').filter({ hasText: '5 remote images are not loaded.' }).waitFor();
  // Nothing on the page points at the image server, so nothing can fetch from it...
  // (The video's own file stays: it loads only when played.)
  const addresses = (await page.content()).match(new RegExp(`${images.origin}[^"' )]*`, 'g')) ?? [];
  assert.deepEqual(addresses, [images.origin + '/video.mp4'], 'no image address anywhere in the page');
  assert.equal(
    await reader.locator('img[alt="inline data"]').evaluate((img) => (img as { complete?: boolean }).complete),
    true,
  );
  // ...and nothing did.
  assert.deepEqual(asked, []);
  assert.deepEqual([...imagePaths()], []);

  await reader.getByRole('button', { name: 'Show images' }).click();
  await eventually(() => fetchedOnOpen.every((path) => imagePaths().has(path)), 'the images to be fetched once asked');
  await reader.getByRole('status').waitFor({ state: 'detached' });
  assert.deepEqual(
    neverFetched.filter((path) => imagePaths().has(path)),
    [],
  );
  await close();
  await t.core.updateSettings({ loadRemoteImages: true });
});
