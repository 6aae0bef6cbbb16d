import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestHost } from '../support/test-host';
import { startTestHub } from '../support/test-hub';
import { startFixtureServer, send } from '../support/fixture-server';
import { rss } from '../support/feeds';

const docs = join(import.meta.dirname, '..', '..', 'docs');

/** Relative luminance (0 black .. 1 white) of a computed `rgb(...)` colour. */
async function luminance(page: Page, selector: string, property: 'backgroundColor' | 'color'): Promise<number> {
  const colour = await page
    .locator(selector)
    .first()
    .evaluate(
      // Runs in the page, where getComputedStyle exists (the tests' own types have no DOM).
      (el, prop) =>
        (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(el)[prop]!,
      property,
    );
  const [r, g, b] = (colour.match(/\d+/g) ?? []).map(Number) as [number, number, number];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

test('a library with folders and a pushed feed follows the system theme, light and dark', async () => {
  const hub = await startTestHub({ signature: 'sha256', payload: 'diff' });
  const site = await startFixtureServer({
    '/harbour.xml': send(
      rss('Harbour Gazette', [
        {
          id: 'h1',
          title: 'Spring tides expected this weekend',
          published: '2026-11-22T07:00:00Z',
          content:
            '<p>The harbour master expects the <strong>highest tides of the year</strong> this weekend. Moorings on the outer pontoons should be checked twice a day, and the slipway will close an hour either side of high water.</p><p>Read the <a href="/tides">full tide table</a>.</p>',
        },
        { id: 'h2', title: 'Harbour dredging finishes early', published: '2026-11-21T15:30:00Z' },
        { id: 'h3', title: 'New ferry route to the islands', published: '2026-11-20T09:10:00Z' },
      ]),
    ),
    '/quay.xml': send(
      rss('Quay Bulletin', [{ id: 'q1', title: 'Winter timetable starts Monday', published: '2026-11-22T06:00:00Z' }]),
    ),
  });
  const t = await startTestHost({ allowHttpSecret: true });
  const browser = await launchChromium();
  try {
    t.core.push.setPublicBaseUrl(t.core.push.callbackOrigin());
    hub.setTopic('light', {
      title: 'Lighthouse Log',
      entries: [
        { id: 'l1', title: 'Lamp relit after the storm', published: '2026-11-22T05:00:00Z' },
        { id: 'l2', title: 'Fog horn test on Tuesday', published: '2026-11-19T05:00:00Z' },
      ],
    });
    const pushed = await t.core.addFeed({ url: hub.topicUrl('light') });
    assert.ok('feed' in pushed);
    await hub.waitFor(() => hub.subscriptions('light')[0], 'subscribed');
    const coast = await t.core.createFolder({ name: 'Coast' });
    for (const path of ['/harbour.xml', '/quay.xml']) {
      const added = await t.core.addFeed({ url: site.url(path) });
      assert.ok('feed' in added);
      await t.core.moveFeed({ feedId: added.feed.id, folderId: coast.id });
    }

    const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, colorScheme: 'light' });
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(t.host.url);
    await page.locator(`[data-feed-id="${pushed.feed.id}"] .dot.push`).waitFor();
    await page.getByRole('option', { name: /Spring tides/ }).click();
    await page.getByRole('article', { name: 'Reader' }).getByText('highest tides of the year').waitFor();

    const lightBackground = await luminance(page, 'html', 'backgroundColor');
    const lightText = await luminance(page, '.reader h1', 'color');
    assert.ok(lightBackground > 0.9 && lightText < 0.3, `light: background ${lightBackground}, text ${lightText}`);
    if (process.env.TIDINGS_SCREENSHOT) await page.screenshot({ path: join(docs, 'screenshot.png') });

    await page.emulateMedia({ colorScheme: 'dark' });
    const darkBackground = await luminance(page, 'html', 'backgroundColor');
    const darkText = await luminance(page, '.reader h1', 'color');
    assert.ok(darkBackground < 0.2 && darkText > 0.8, `dark: background ${darkBackground}, text ${darkText}`);
    if (process.env.TIDINGS_SCREENSHOT) await page.screenshot({ path: join(docs, 'screenshot-dark.png') });
  } finally {
    await browser.close();
    await t.close();
    await hub.close();
    await site.close();
  }
});
