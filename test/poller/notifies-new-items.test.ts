import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../support/browser';
import { startTestHost } from '../support/test-host';
import { startFixtureServer } from '../support/fixture-server';
import { rss, type EntrySpec } from '../support/feeds';

// The page's Notification API, recorded (a headless browser has no desktop to show them on),
// and a window that is never focused, as when Tidings is in the background.
const recordNotifications = `
  globalThis.__notes = [];
  globalThis.Notification = class {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options) { this.title = title; this.body = options.body; globalThis.__notes.push(this); }
    close() {}
  };
  document.hasFocus = () => false;
`;

interface Note {
  title: string;
  body: string;
}

test('new items notify while in the background: one each, grouped when many, off per feed; a click opens the item', async () => {
  let entries: EntrySpec[] = [{ id: 'seed', title: 'Seed' }];
  const site = await startFixtureServer({
    '/feed.xml': (_req, res) =>
      void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Bell Feed', entries)),
  });
  const t = await startTestHost();
  const browser = await launchChromium();
  try {
    await t.call('updateSettings', { pushEnabled: false });
    const added = await t.call('addFeed', { url: site.url('/feed.xml') });
    const feedId: number = added.body.value.feed.id;
    const page = await browser.newPage();
    await page.addInitScript(recordNotifications);
    await page.goto(t.host.url);
    await page.getByText('Seed', { exact: true }).waitFor();
    const notes = async () =>
      (await page.evaluate('globalThis.__notes.map((n) => ({ title: n.title, body: n.body }))')) as Note[];
    const waitForNotes = async (count: number) => {
      while ((await notes()).length < count) await new Promise((resolve) => setTimeout(resolve, 100));
      return notes();
    };

    entries = [{ id: 'one', title: 'Just one' }, ...entries];
    await t.call('refreshAll');
    assert.deepEqual(await waitForNotes(1), [{ title: 'Bell Feed', body: 'Just one' }]);

    entries = [1, 2, 3, 4, 5].map((i) => ({ id: `many-${i}`, title: `Many ${i}` })).concat(entries);
    await t.call('refreshAll');
    const afterMany = await waitForNotes(2);
    assert.equal(afterMany.length, 2, 'five at once make one notification');
    assert.deepEqual(afterMany[1], { title: '5 new items', body: 'From Bell Feed (5)' });

    // A click brings the first one's item up in the reader.
    await page.evaluate('globalThis.__notes[0].onclick()');
    await page.getByRole('heading', { name: 'Just one' }).waitFor();

    // Off for this feed: nothing more, though items still arrive on screen.
    await t.call('updateSettings', { notificationsMutedFeedIds: [feedId] });
    entries = [{ id: 'quiet', title: 'Arrives quietly' }, ...entries];
    await t.call('refreshAll');
    await page.getByText('Arrives quietly', { exact: true }).waitFor();
    // A notification would come within the 1.5 s gathering window; the next event proves it has passed.
    await t.call('updateSettings', { notificationsMutedFeedIds: [] });
    entries = [{ id: 'loud', title: 'Heard again' }, ...entries];
    await t.call('refreshAll');
    const last = await waitForNotes(3);
    assert.deepEqual(
      last.map((n) => n.body),
      ['Just one', 'From Bell Feed (5)', 'Heard again'],
    );
  } finally {
    await browser.close();
    await t.close();
    await site.close();
  }
});
