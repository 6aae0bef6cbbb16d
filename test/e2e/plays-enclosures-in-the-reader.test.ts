import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestHost, type TestHost } from '../support/test-host';
import { startFixtureServer, send, type FixtureServer } from '../support/fixture-server';

let browser: Browser;
let t: TestHost;
let site: FixtureServer;

before(async () => {
  const podcast = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'formats', 'podcast.rss'));
  site = await startFixtureServer({ '/podcast.rss': send(podcast) });
  t = await startTestHost();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
  await site?.close();
});

test('the reader plays audio and video with native controls and shows the item picture', async () => {
  const added = await t.core.addFeed({ url: site.url('/podcast.rss') });
  assert.ok('feed' in added);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(t.host.url);
  const reader = page.getByRole('article', { name: 'Reader' });
  const rows = page.getByRole('option');

  await rows.filter({ hasText: 'Episode 1: Knots' }).click();
  const attachments = reader.getByRole('region', { name: 'Attachments' });
  const audio = attachments.locator('audio');
  await audio.waitFor();
  assert.equal(await audio.getAttribute('src'), 'https://cdn.radio.example/1.mp3');
  assert.equal(await audio.evaluate((element) => (element as { controls?: boolean }).controls), true);
  assert.equal(await attachments.locator('img').getAttribute('src'), 'https://radio.example/1.jpg');

  await rows.filter({ hasText: 'Episode 2: Harbour video' }).click();
  const video = attachments.locator('video');
  await video.waitFor();
  assert.equal(await video.getAttribute('src'), 'https://cdn.radio.example/2.mp4');
  assert.equal(await video.getAttribute('poster'), 'https://radio.example/2.jpg', 'the picture is the poster');
  assert.equal(await video.evaluate((element) => (element as { controls?: boolean }).controls), true);
  assert.equal(await attachments.locator('img').count(), 0);
  await page.close();
});
