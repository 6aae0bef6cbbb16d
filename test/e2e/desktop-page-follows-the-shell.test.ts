import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../support/browser';
import { startTestHost } from '../support/test-host';
import { startFixtureServer } from '../support/fixture-server';
import { rss, type EntrySpec } from '../support/feeds';
import { gatherMs } from '../../src/shared/notification-plan';
import { eventNames } from '../../src/shared/api';

/** What the host's event stream carries (the two shell requests only ever come from Electron's main process). */
const streamed = eventNames.filter((name) => name !== 'addFeedRequested' && name !== 'itemOpenRequested');

const root = join(import.meta.dirname, '..', '..');

/**
 * The page as the Electron app runs it: the built preload (out/preload/index.cjs) runs first,
 * given an `electron` module whose ipcRenderer reaches the core over the host's HTTP API and
 * event stream (as ipcMain and the forwarding loop do in the app). `__send` plays the main
 * process's webContents.send. The page's web Notification is recorded, and it is never focused.
 */
function desktopPreload(token: string): string {
  const preload = readFileSync(join(root, 'out', 'preload', 'index.cjs'), 'utf8');
  return `
    globalThis.__notes = [];
    globalThis.Notification = class {
      static permission = 'granted';
      static requestPermission() { return Promise.resolve('granted'); }
      constructor(title) { globalThis.__notes.push(title); }
      close() {}
    };
    document.hasFocus = () => false;
    (() => {
      const token = ${JSON.stringify(token)};
      const listeners = new Map();
      const send = (channel, payload) => listeners.get(channel)?.forEach((listener) => listener({}, payload));
      globalThis.__send = send;
      const ipcRenderer = {
        async invoke(channel, arg) {
          const response = await fetch('/api/' + channel.slice('tidings:'.length), {
            method: 'POST',
            headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
            body: JSON.stringify(arg ?? {}),
          });
          return response.json();
        },
        on(channel, listener) {
          if (!listeners.has(channel)) listeners.set(channel, new Set());
          listeners.get(channel).add(listener);
        },
        removeListener(channel, listener) {
          listeners.get(channel)?.delete(listener);
        },
      };
      const contextBridge = { exposeInMainWorld: (key, api) => (globalThis[key] = api) };
      const require = (name) => {
        if (name !== 'electron') throw new Error('a sandboxed preload may only require electron');
        return { contextBridge, ipcRenderer };
      };
      const module = { exports: {} };
      (function (require, module, exports) {
        ${preload}
      })(require, module, module.exports);
      const source = new EventSource('/api/events?token=' + encodeURIComponent(token));
      for (const name of ${JSON.stringify(streamed)}) {
        source.addEventListener(name, (message) => send('tidings:event:' + name, JSON.parse(message.data)));
      }
      // A feed link that came with the start: sent before the page listens, held by the preload.
      send('tidings:event:addFeedRequested', { url: 'https://early.example/feed.xml', problem: null });
    })();
  `;
}

test('in the desktop app the page opens the dialog for feed links, shows clicked items, offers the background switches, and leaves notifying to the main process', async () => {
  let entries: EntrySpec[] = [{ id: 'one', title: 'First item' }];
  const site = await startFixtureServer({
    '/feed.xml': (_req, res) =>
      void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Desk Feed', entries)),
  });
  const t = await startTestHost();
  const browser = await launchChromium();
  try {
    await t.call('updateSettings', { pushEnabled: false });
    const added = await t.call('addFeed', { url: site.url('/feed.xml') });
    assert.equal(added.body.ok, true);
    const page = await browser.newPage();
    await page.addInitScript({ content: desktopPreload(t.token) });
    await page.goto(t.host.url);

    // The early link, kept by the preload until the page listened: the dialog, filled in, nothing added.
    const dialog = page.getByRole('dialog', { name: 'Add a feed' });
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel('Feed or website address').inputValue(), 'https://early.example/feed.xml');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await t.call('listFeeds')).body.value.length, 1, 'never added without the user');

    // A bad link opens the dialog empty, saying why.
    await page.evaluate(
      `__send('tidings:event:addFeedRequested', { url: '', problem: 'Tidings follows only http and https feeds.' })`,
    );
    await dialog.getByText('Tidings follows only http and https feeds.').waitFor();
    assert.equal(await dialog.getByLabel('Feed or website address').inputValue(), '');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // A clicked notification: the main process asks for the item.
    const itemId = (await t.call('listItems')).body.value.items[0].id;
    await page.evaluate(`__send('tidings:event:itemOpenRequested', { itemId: ${itemId} })`);
    await page.getByRole('heading', { name: 'First item' }).waitFor();

    // The two desktop switches, stored as settings.
    const background = page.getByLabel('Run in background');
    const atLogin = page.getByLabel('Start at login');
    assert.equal(await background.isChecked(), true);
    assert.equal(await atLogin.isChecked(), false);
    await atLogin.click();
    // Saved through the bridge: poll the core until it has it (generous bound, not a timing assertion).
    for (let i = 0; i < 200 && !(await t.call('getSettings')).body.value.openAtLogin; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal((await t.call('getSettings')).body.value.openAtLogin, true);
    assert.equal(await atLogin.isChecked(), true);

    // New items arrive on screen, but the page itself never notifies in the desktop app.
    entries = [{ id: 'two', title: 'Second item' }, ...entries];
    await t.call('refreshAll');
    await page.getByText('Second item', { exact: true }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, gatherMs * 2));
    assert.deepEqual(await page.evaluate('globalThis.__notes'), []);
  } finally {
    await browser.close();
    await t.close();
    await site.close();
  }
});
