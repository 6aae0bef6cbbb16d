import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestHost, type TestHost } from '../support/test-host';
import { startFixtureServer, send, type FixtureServer } from '../support/fixture-server';
import { rss } from '../support/feeds';
import { parseOpml } from '../../src/main/core/opml/parse-opml';

let browser: Browser;
let t: TestHost;
let site: FixtureServer;

before(async () => {
  site = await startFixtureServer({
    '/rust.xml': send(
      rss('Rust Blog', [
        { id: 'r1', title: 'Rust 2.0 released' },
        { id: 'r2', title: 'Borrowing, explained' },
      ]),
    ),
    '/go.xml': send(rss('Go Blog', [{ id: 'g1', title: 'Go generics, a year on' }])),
    '/world.xml': send(rss('World News', [{ id: 'w1', title: 'Elections everywhere' }])),
    '/cats.xml': send(rss('Cat Facts', [{ id: 'c1', title: 'Cats sleep a lot' }])),
    '/later.xml': send(rss('Dropped Later', [{ id: 'l1', title: 'Arrived by drag and drop' }])),
  });
  t = await startTestHost();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
  await site?.close();
});

const opml = () => `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>From another reader</title></head><body>
  <outline text="Programming" title="Programming">
    <outline type="rss" text="Rust" xmlUrl="${site.url('/rust.xml')}" htmlUrl="https://blog.rust-lang.org/"/>
    <outline type="rss" text="Go" xmlUrl="${site.url('/go.xml')}"/>
  </outline>
  <outline text="News" title="News">
    <outline type="rss" text="World" xmlUrl="${site.url('/world.xml')}"/>
    <outline type="rss" text="Gone &amp; forgotten" xmlUrl="${site.url('/gone.xml')}"/>
  </outline>
  <outline type="rss" text="Cats" xmlUrl="${site.url('/cats.xml')}"/>
  <outline text="A bookmark" type="link" url="https://example.org/"/>
</body></opml>`;

async function openApp(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(t.host.url);
  await page.getByRole('button', { name: '+ Add feed' }).waitFor();
  return page;
}

const feedsByUrl = async () => {
  const { body } = await t.call('listFeeds');
  return new Map(
    (body.value as { feedUrl: string; folderId: number | null; title: string }[]).map((f) => [f.feedUrl, f]),
  );
};

test('import an OPML file through the GUI, watch the progress bar finish, use the folders, export the same list', async () => {
  const page = await openApp();
  const sidebar = page.getByRole('navigation', { name: 'Feeds' });

  await page.getByLabel('Import OPML file').setInputFiles({
    name: 'subscriptions.opml',
    mimeType: 'text/x-opml',
    buffer: Buffer.from(opml()),
  });
  const status = page.getByRole('region', { name: 'Import' });
  await status.getByText('5 added · 0 already followed · 2 new folders · 1 not feeds').waitFor();
  await status.getByText('Fetched 5 / 5 · 1 failed').waitFor();
  await status.getByText('Import finished.').waitFor();
  const bar = status.getByRole('progressbar', { name: 'Fetching imported feeds' });
  assert.equal(await bar.getAttribute('value'), '5');
  assert.equal(await bar.getAttribute('max'), '5');
  await status.getByText(/Feeds that could not be fetched \(1\)/).click();
  await status.getByText(/Gone & forgotten: .+/).waitFor();

  // The folders are in the sidebar with their feeds and unread counts; the loose feed stays outside.
  const programming = sidebar.locator('[data-folder-id]').filter({ hasText: 'Programming' });
  await programming.getByRole('button', { name: 'Programming 3', exact: true }).waitFor();
  await programming.getByRole('button', { name: /Rust Blog/ }).waitFor();
  await sidebar
    .locator('[data-folder-id]')
    .filter({ hasText: 'News' })
    .getByRole('button', { name: 'News 1', exact: true })
    .waitFor();

  // A folder's view lists its feeds' items only.
  await programming.getByRole('button', { name: 'Programming 3', exact: true }).click();
  await page.getByRole('heading', { name: 'Programming' }).waitFor();
  const titles = async () => (await page.getByRole('option').locator('.item-title').allTextContents()).sort();
  await page.getByRole('option').first().waitFor();
  assert.deepEqual(await titles(), ['Borrowing, explained', 'Go generics, a year on', 'Rust 2.0 released']);

  // Drag the loose feed onto a folder.
  const cats = sidebar.getByRole('button', { name: /Cat Facts/ });
  await cats.dragTo(programming.locator('.folder-row'));
  await programming.getByRole('button', { name: /Cat Facts/ }).waitFor();
  await programming.getByRole('button', { name: 'Programming 4', exact: true }).waitFor();
  await page.getByRole('option').filter({ hasText: 'Cats sleep a lot' }).waitFor();
  const folderIds = Object.fromEntries(
    ((await t.call('listFolders')).body.value as { id: number; name: string }[]).map((f) => [f.name, f.id]),
  );
  assert.equal((await feedsByUrl()).get(site.url('/cats.xml'))!.folderId, folderIds['Programming']);

  // The "Move to" menu: right-click a feed, pick another folder.
  await programming.getByRole('button', { name: /Go Blog/ }).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Move to folder' });
  await menu.getByRole('menuitemradio', { name: 'News' }).click();
  await sidebar
    .locator('[data-folder-id]')
    .filter({ hasText: 'News' })
    .getByRole('button', { name: /Go Blog/ })
    .waitFor();
  assert.equal((await feedsByUrl()).get(site.url('/go.xml'))!.folderId, folderIds['News']);

  // "Mark all read" in a folder's view reads that folder only.
  await programming.getByRole('button', { name: 'Programming 3', exact: true }).click();
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await programming.getByRole('button', { name: 'Programming', exact: true }).waitFor();
  await sidebar
    .locator('[data-folder-id]')
    .filter({ hasText: 'News' })
    .getByRole('button', { name: 'News 2', exact: true })
    .waitFor();

  // Export as a download, and compare it with the library.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    sidebar.getByRole('button', { name: 'Export' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^tidings-\d{4}-\d{2}-\d{2}\.opml$/);
  const exported = parseOpml(readFileSync((await download.path())!, 'utf8'));
  const feeds = await feedsByUrl();
  assert.equal(exported.feeds.length, feeds.size);
  const names = new Map(Object.entries(folderIds).map(([name, id]) => [id, name]));
  for (const feed of exported.feeds) {
    const stored = feeds.get(feed.url);
    assert.ok(stored, feed.url);
    assert.equal(feed.title, stored.title);
    assert.equal(feed.folder, stored.folderId === null ? null : names.get(stored.folderId));
  }
  assert.deepEqual(exported.folders.sort(), ['News', 'Programming']);
  await page.close();
});

test('an OPML file dropped on the window imports; folders rename and delete from the sidebar, feeds stay', async () => {
  const page = await openApp();
  const sidebar = page.getByRole('navigation', { name: 'Feeds' });
  const later = `<opml version="2.0"><body><outline text="Later"><outline text="L" xmlUrl="${site.url('/later.xml')}"/></outline></body></opml>`;
  // A real file drop: a DataTransfer holding a File, dispatched as the OS would.
  // (Written as page source: the tests' TypeScript has no DOM types.)
  const transfer = await page.evaluateHandle(`(() => {
    const data = new DataTransfer();
    data.items.add(new File([${JSON.stringify(later)}], 'later.opml', { type: 'text/x-opml' }));
    return data;
  })()`);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await page.getByText('Drop an OPML file to import its feeds').waitFor();
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  const status = page.getByRole('region', { name: 'Import' });
  await status.getByText('Fetched 1 / 1').waitFor();
  const folder = sidebar.locator('[data-folder-id]').filter({ hasText: 'Later' });
  await folder.getByRole('button', { name: /Dropped Later/ }).waitFor();

  // A closed folder stays closed after a reload.
  await folder.getByRole('button', { name: 'Collapse Later' }).click();
  await folder.getByRole('button', { name: /Dropped Later/ }).waitFor({ state: 'detached' });
  await page.reload();
  await folder.getByRole('button', { name: 'Expand Later' }).click();
  await folder.getByRole('button', { name: /Dropped Later/ }).waitFor();

  // Rename through the dialog.
  await folder.locator('.folder-row').hover();
  await folder.getByRole('button', { name: 'Rename Later' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename "Later"' });
  await dialog.getByLabel('Folder name').fill('Read later');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  const renamed = sidebar.locator('[data-folder-id]').filter({ hasText: 'Read later' });
  await renamed.getByRole('button', { name: /Dropped Later/ }).waitFor();

  // Delete: the feed moves out of the folder, it does not vanish.
  page.once('dialog', (confirm) => void confirm.accept());
  await renamed.locator('.folder-row').hover();
  await renamed.getByRole('button', { name: 'Delete Read later' }).click();
  await renamed.waitFor({ state: 'detached' });
  await sidebar.getByRole('button', { name: /Dropped Later/ }).waitFor();
  assert.equal((await feedsByUrl()).get(site.url('/later.xml'))!.folderId, null);

  // A broken file: a sentence, nothing imported.
  const before = (await feedsByUrl()).size;
  await page
    .getByLabel('Import OPML file')
    .setInputFiles({ name: 'broken.opml', mimeType: 'text/xml', buffer: Buffer.from('<opml><body><outline') });
  await page
    .getByRole('alert')
    .filter({ hasText: /damaged.*Nothing was imported/ })
    .waitFor();
  assert.equal((await feedsByUrl()).size, before);
  await page.close();
});
