import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestHost } from '../support/test-host';
import { startFixtureServer, send } from '../support/fixture-server';
import { png } from '../support/images';

/** A podcast as they come: itunes:duration as h:mm:ss, as plain seconds, or missing; media:thumbnail as the picture. */
const podcast = (origin: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Breakwater Radio</title>
  <link>${origin}/</link>
  <item>
    <title>Long episode</title>
    <guid isPermaLink="false">ep-1</guid>
    <pubDate>Tue, 24 Nov 2026 07:00:00 GMT</pubDate>
    <description><![CDATA[<p>Show notes for the long episode.</p>]]></description>
    <enclosure url="${origin}/media/ep1.mp3" length="48500000" type="audio/mpeg"/>
    <itunes:duration>1:02:05</itunes:duration>
    <media:thumbnail url="${origin}/art/ep1.png" width="64" height="64"/>
  </item>
  <item>
    <title>Short video</title>
    <guid isPermaLink="false">ep-2</guid>
    <pubDate>Mon, 23 Nov 2026 07:00:00 GMT</pubDate>
    <description><![CDATA[<p>Show notes for the video.</p>]]></description>
    <enclosure url="${origin}/media/ep2.mp4" length="750000" type="video/mp4"/>
    <itunes:duration>300</itunes:duration>
  </item>
  <item>
    <title>Untimed episode</title>
    <guid isPermaLink="false">ep-3</guid>
    <pubDate>Sun, 22 Nov 2026 07:00:00 GMT</pubDate>
    <description><![CDATA[<p>Show notes without a length.</p>]]></description>
    <enclosure url="${origin}/media/ep3.mp3" type="audio/mpeg"/>
  </item>
</channel>
</rss>`;

/** The vertical extent of the first element matching each selector inside the reader. */
async function verticalBox(page: Page, selector: string): Promise<{ top: number; bottom: number }> {
  return page.evaluate(`(() => {
    const r = document.querySelector('[aria-label="Reader"] ${selector}').getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  })()`);
}

test('an episode shows its player above the text with its length, size and a download link that fetches the file; media:thumbnail is its picture', async () => {
  const site = await startFixtureServer();
  site.route('/podcast.xml', send(podcast(site.origin)));
  site.route('/art/ep1.png', send(png(64, [40, 120, 200]), 'image/png'));
  site.route('/media/ep1.mp3', send(Buffer.alloc(2048, 1), 'audio/mpeg'));
  const t = await startTestHost({ noPush: true });
  const browser = await launchChromium();
  try {
    const added = await t.core.addFeed({ url: site.url('/podcast.xml') });
    assert.ok('feed' in added);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(t.host.url);
    const reader = page.getByRole('article', { name: 'Reader' });
    const rows = page.getByRole('option');
    const attachments = reader.getByRole('region', { name: 'Attachments' });

    await rows.filter({ hasText: 'Long episode' }).click();
    await reader.getByText('Show notes for the long episode.').waitFor();
    const player = attachments.locator('.enclosure-player').first();
    await player.locator('audio').waitFor();
    assert.equal((await player.locator('.enclosure-duration').textContent())?.trim(), '1:02:05 · 48.5 MB');
    const picture = attachments.locator('img.enclosure-image');
    assert.equal(await picture.getAttribute('src'), site.url('/art/ep1.png'));
    await page.waitForFunction(
      `document.querySelector('[aria-label="Reader"] img.enclosure-image')?.naturalWidth === 64`,
      undefined,
      { timeout: 10_000 },
    );
    const content = await verticalBox(page, '.content');
    for (const selector of ['img.enclosure-image', '.enclosure-player audio', '.enclosure-meta']) {
      const box = await verticalBox(page, selector);
      assert.ok(box.bottom <= content.top + 1, `${selector} is above the text (${box.bottom} <= ${content.top})`);
    }

    // The download link is a real link to the file; following it fetches it (the shell hands it to the browser).
    const download = player.getByRole('link', { name: 'Download' });
    assert.equal(await download.getAttribute('href'), site.url('/media/ep1.mp3'));
    assert.notEqual(await download.getAttribute('download'), null);
    const before = site.requests.filter((r) => r.path === '/media/ep1.mp3').length;
    await download.click();
    for (let i = 0; i < 400 && site.requests.filter((r) => r.path === '/media/ep1.mp3').length === before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.ok(site.requests.filter((r) => r.path === '/media/ep1.mp3').length > before, 'the file was fetched');
    assert.equal(new URL(page.url()).origin, new URL(t.host.url).origin, 'the reader stays where it was');
    await reader.getByText('Show notes for the long episode.').waitFor();

    // Seconds as a plain number; a small file in KB; no picture, so none is shown.
    await rows.filter({ hasText: 'Short video' }).click();
    await reader.getByText('Show notes for the video.').waitFor();
    await attachments.locator('video').waitFor();
    assert.equal(
      (await attachments.locator('.enclosure-player .enclosure-duration').textContent())?.trim(),
      '5:00 · 750 KB',
    );
    assert.equal(await attachments.locator('img').count(), 0);
    assert.equal(
      await attachments.getByRole('link', { name: 'Download' }).getAttribute('href'),
      site.url('/media/ep2.mp4'),
    );

    // Neither length nor size known: the link alone.
    await rows.filter({ hasText: 'Untimed episode' }).click();
    await reader.getByText('Show notes without a length.').waitFor();
    await attachments.locator('audio').waitFor();
    assert.equal(await attachments.locator('.enclosure-duration').count(), 0);
    assert.equal(
      await attachments.getByRole('link', { name: 'Download' }).getAttribute('href'),
      site.url('/media/ep3.mp3'),
    );
    await page.close();
  } finally {
    await browser.close();
    await t.close();
    await site.close();
  }
});
