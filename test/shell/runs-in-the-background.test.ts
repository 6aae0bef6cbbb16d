import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../../src/main/core/db/open-db';
import type { Settings } from '../../src/shared/api';
import { makeTempDir } from '../support/temp-dir';
import { startFixtureServer, send } from '../support/fixture-server';
import { rss } from '../support/feeds';
import { startTestHub } from '../support/test-hub';
import { startTunnelServer } from '../support/tunnel-server';
import { freePort } from '../support/free-port';
import { bootMain, root, type BootedMain, type Message } from '../support/boot-main';
import { profileWith } from '../support/shell-profile';

const sentEvent = (main: BootedMain, name: string, match: (payload: any) => boolean = () => true) =>
  main.next((m: Message) => m.type === 'event' && m.channel === `tidings:event:${name}` && match(m.payload), name);

test('the tray shows from the start with its icon, menu and the unread count; closing the window only hides it', async () => {
  const profile = profileWith();
  const site = await startFixtureServer({ '/feed.xml': send(rss('Tray feed', [{ id: 't1', title: 'Counted' }])) });
  const main = await bootMain({ userData: profile.path });
  try {
    const tray = await main.nextCall('new Tray');
    const icon = String(tray.args[0]);
    assert.equal(icon, join(root, 'out', 'main', 'icons', 'tray.png'));
    assert.ok(existsSync(icon), 'the icon is packaged next to the bundle');
    const menu = await main.nextCall('Tray.setContextMenu');
    assert.deepEqual(
      (menu.args[0] as Array<{ label?: string; type?: string }>).map((item) => item.label ?? item.type),
      ['Open Tidings', 'Refresh all', 'Pause notifications', 'separator', 'Quit'],
    );
    await main.nextCall('Tray.setToolTip', ([text]) => text === 'Tidings: nothing unread');
    await main.nextCall('app.setBadgeCount', ([count]) => count === 0);
    // Both feed link schemes are claimed.
    assert.deepEqual(
      main.calls('app.setAsDefaultProtocolClient').map((c) => c.args[0]),
      ['feed', 'feeds'],
    );

    await main.nextCall('BrowserWindow.show');
    assert.equal((await main.call('addFeed', { url: site.url('/feed.xml') })).ok, true);
    await main.nextCall('Tray.setToolTip', ([text]) => text === 'Tidings: 1 unread');
    await main.nextCall('app.setBadgeCount', ([count]) => count === 1);

    await main.command({ do: 'window', event: 'close' });
    await main.nextCall('BrowserWindow.hide');
    assert.equal(
      main.messages.some((m) => m.type === 'exit'),
      false,
      'still running',
    );
    const status = await main.call('getStatus', {});
    assert.equal(status.ok, true);
    assert.equal(status.value.unreadCount, 1);

    // The tray's first item (and a click on the icon) bring the window back.
    const shown = main.calls('BrowserWindow.show').length;
    await main.command({ do: 'trayMenu', label: 'Open Tidings' });
    assert.equal(main.calls('BrowserWindow.show').length, shown + 1);
    await main.command({ do: 'window', event: 'close' });
    await main.command({ do: 'trayClick' });
    assert.equal(main.calls('BrowserWindow.show').length, shown + 2);
  } finally {
    await main.kill();
    await site.close();
    profile.remove();
  }
});

test('a pushed item with no window visible becomes a notification; a click opens the window on that item; pause holds them', async () => {
  const hub = await startTestHub({ signature: 'sha256' });
  const tunnel = await startTunnelServer(await freePort());
  const profile = profileWith({ tunnelHost: tunnel.origin, allowHttpSecret: true });
  const main = await bootMain({ userData: profile.path });
  try {
    await main.nextCall('BrowserWindow.show');
    await main.command({ do: 'window', event: 'close' });
    await main.nextCall('BrowserWindow.hide');
    await hub.waitFor(async () => (await main.call('getStatus', {})).value.push.state === 'up', 'push up', 30_000);

    hub.setTopic('pushed', { title: 'Pushed Feed', entries: [{ id: 'old', title: 'Already there' }] });
    const added = await main.call('addFeed', { url: hub.topicUrl('pushed') });
    assert.equal(added.ok, true, JSON.stringify(added));
    // The first fetch tells nothing new to notify about... except its item, shown while nobody looks.
    await main.nextCall('new Notification', ([o]) => (o as { body: string }).body === 'Already there');
    await hub.waitFor(() => hub.subscriptions('pushed')[0], 'subscribed', 30_000);

    const before = main.calls('new Notification').length;
    const delivered = await hub.publish('pushed', [{ id: 'new', title: 'Hot off the hub' }]);
    assert.equal(delivered[0]!.status, 200);
    const created = await main.nextCall(
      'new Notification',
      ([o]) => (o as { body: string }).body === 'Hot off the hub',
    );
    assert.deepEqual(created.args[0], {
      title: 'Pushed Feed',
      body: 'Hot off the hub',
      id: (created.args[0] as { id: string }).id,
      groupId: 'tidings',
      icon: join(root, 'out', 'main', 'icons', 'icon.png'),
    });
    const index = main.calls('new Notification').length - 1;
    assert.equal(index, before);
    await main.nextCall('Notification.show', ([i]) => i === index);

    const items = (await main.call('listItems', {})).value.items as Array<{ id: number; title: string }>;
    const hot = items.find((i) => i.title === 'Hot off the hub')!;
    const shownBefore = main.calls('BrowserWindow.show').length;
    await main.command({ do: 'notification', index, event: 'click' });
    assert.equal(main.calls('BrowserWindow.show').length, shownBefore + 1);
    await sentEvent(main, 'itemOpenRequested', (p) => p.itemId === hot.id);

    // Paused from the tray: the switch is the Notify setting; nothing is shown until it is on again.
    await main.command({ do: 'window', event: 'close' });
    await main.command({ do: 'trayMenu', label: 'Pause notifications' });
    await sentEvent(main, 'settingsChanged', (s) => s.notificationsEnabled === false);
    const menu = await main.nextCall(
      'Tray.setContextMenu',
      ([items]) => (items as Array<{ checked?: boolean }>)[2]!.checked === true,
    );
    assert.ok(menu);
    await hub.publish('pushed', [{ id: 'quiet', title: 'Arrives quietly' }]);
    await hub.waitFor(
      async () =>
        ((await main.call('listItems', {})).value.items as Array<{ title: string }>).some(
          (i) => i.title === 'Arrives quietly',
        ),
      'the quiet item',
    );
    await main.command({ do: 'trayMenu', label: 'Pause notifications' });
    await hub.publish('pushed', [{ id: 'loud', title: 'Heard again' }]);
    await main.nextCall('new Notification', ([o]) => (o as { body: string }).body === 'Heard again');
    assert.deepEqual(
      main.calls('new Notification').map((c) => (c.args[0] as { body: string }).body),
      ['Already there', 'Hot off the hub', 'Heard again'],
    );
  } finally {
    await main.kill();
    await tunnel.close();
    await hub.close();
    profile.remove();
  }
});

test('a feed link from a second instance or open-url opens the add-feed dialog filled in, and adds nothing', async () => {
  const profile = profileWith();
  const main = await bootMain({ userData: profile.path });
  try {
    await main.next((m) => m.type === 'ready', 'ready');
    await main.command({ do: 'window', event: 'close' });
    const shown = main.calls('BrowserWindow.show').length;

    await main.command({
      do: 'app',
      event: 'second-instance',
      args: [['/opt/Tidings/tidings', '--no-sandbox', 'feed://news.example/rss.xml'], '/home/ann'],
    });
    await sentEvent(main, 'addFeedRequested', (p) => p.url === 'http://news.example/rss.xml' && p.problem === null);
    assert.ok(main.calls('BrowserWindow.show').length > shown, 'the window comes up for it');

    await main.command({ do: 'app', event: 'open-url', args: ['feeds:https://secure.example/atom'] });
    await sentEvent(main, 'addFeedRequested', (p) => p.url === 'https://secure.example/atom');

    await main.command({ do: 'app', event: 'open-url', args: ['feed:javascript:alert(1)'] });
    const bad = await sentEvent(main, 'addFeedRequested', (p) => p.problem !== null);
    assert.deepEqual(bad.payload, {
      url: '',
      problem: 'The feed link holds a javascript: address; Tidings follows only http and https feeds.',
    });

    // A second start without a link just brings the window up.
    const before = main.calls('BrowserWindow.show').length;
    await main.command({ do: 'app', event: 'second-instance', args: [['/opt/Tidings/tidings'], '/home/ann'] });
    assert.equal(main.calls('BrowserWindow.show').length, before + 1);

    assert.deepEqual((await main.call('listFeeds', {})).value, [], 'never added silently');
  } finally {
    await main.kill();
    profile.remove();
  }
});

test('a start by a feed link (the OS launching Tidings) opens the dialog once the page has loaded', async () => {
  const profile = profileWith();
  const main = await bootMain({ userData: profile.path, args: ['feed:https://first.example/feed'] });
  try {
    await main.next((m) => m.type === 'loaded', 'the page');
    const requests = () =>
      main.messages.filter((m) => m.type === 'event' && m.channel === 'tidings:event:addFeedRequested');
    await sentEvent(main, 'addFeedRequested', (p) => p.url === 'https://first.example/feed');
    // Sent when asked, and again after did-finish-load in case the page was not listening yet.
    await main.next((m) => m.type === 'shown-ready', 'did-finish-load');
    assert.equal(requests().length, 2);
    assert.ok(main.calls('BrowserWindow.show').length >= 1, 'not a hidden start');
  } finally {
    await main.kill();
    profile.remove();
  }
});

test('a window that never paints while hidden (no ready-to-show) still shows once its page has loaded', async () => {
  const profile = profileWith();
  const main = await bootMain({ userData: profile.path, env: { TIDINGS_STAND_IN_NO_PAINT: '1' } });
  try {
    await main.next((m) => m.type === 'shown-ready', 'did-finish-load');
    assert.equal(main.calls('BrowserWindow.show').length, 1);
  } finally {
    await main.kill();
    profile.remove();
  }
});

test('the application menu is built from the standard roles', async () => {
  const profile = profileWith();
  const main = await bootMain({ userData: profile.path });
  try {
    const set = await main.nextCall('Menu.setApplicationMenu');
    type Item = { label?: string; role?: string; submenu?: Item[] };
    const roles = (items: Item[]): string[] =>
      items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);
    const all = roles(set.args[0] as Item[]);
    for (const role of [
      'editMenu',
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
      'viewMenu',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'windowMenu',
      'minimize',
    ]) {
      assert.ok(all.includes(role), role);
    }
    // File > Add Feed… opens the empty dialog.
    await main.command({ do: 'appMenu', label: 'Add Feed…' });
    await sentEvent(main, 'addFeedRequested', (p) => p.url === '' && p.problem === null);
  } finally {
    await main.kill();
    profile.remove();
  }
});

test('the window comes back where it was left; Quit in the tray closes the core before exiting', async () => {
  const profile = profileWith();
  const site = await startFixtureServer({ '/feed.xml': send(rss('Kept feed', [{ id: 'k1', title: 'Kept' }])) });
  try {
    const first = await bootMain({ userData: profile.path });
    const opened = await first.next((m) => m.type === 'window', 'window');
    assert.deepEqual(
      [(opened.options as any).width, (opened.options as any).height, (opened.options as any).x],
      [1280, 820, undefined],
    );
    await first.next((m) => m.type === 'ready', 'ready');
    assert.equal((await first.call('addFeed', { url: site.url('/feed.xml') })).ok, true);
    await first.command({ do: 'setBounds', bounds: { x: 210, y: 140, width: 1000, height: 700 } });
    await first.command({ do: 'trayMenu', label: 'Quit' });
    assert.equal(await first.exited, 0);
    assert.ok(first.calls('Tray.destroy').length >= 1);
    // A clean close checkpoints and removes SQLite's write-ahead log; a killed process leaves it.
    assert.equal(existsSync(join(profile.path, 'tidings.sqlite-wal')), false, 'the database was closed');
    const saved = JSON.parse(readFileSync(join(profile.path, 'window-state.json'), 'utf8'));
    assert.deepEqual(saved, { x: 210, y: 140, width: 1000, height: 700, maximized: false });

    const second = await bootMain({ userData: profile.path });
    try {
      const again = await second.next((m) => m.type === 'window', 'window');
      const options = again.options as { x: number; y: number; width: number; height: number };
      assert.deepEqual([options.x, options.y, options.width, options.height], [210, 140, 1000, 700]);
      await second.next((m) => m.type === 'ready', 'ready');
      const feeds = (await second.call('listFeeds', {})).value as Array<{ title: string }>;
      assert.deepEqual(
        feeds.map((f) => f.title),
        ['Kept feed'],
      );
    } finally {
      await second.kill();
    }
  } finally {
    await site.close();
    profile.remove();
  }
});

test('app.quit from the system (Cmd+Q, logging out) waits for the core to close', async () => {
  const profile = profileWith();
  const main = await bootMain({ userData: profile.path });
  try {
    await main.next((m) => m.type === 'ready', 'ready');
    await main.command({ do: 'app', event: 'before-quit' });
    // The shell refused the first quit, closed the core, and quit again itself.
    assert.equal(await main.exited, 0);
    assert.ok(main.calls('app.quit').length >= 1);
    assert.equal(existsSync(join(profile.path, 'tidings.sqlite-wal')), false);
  } finally {
    await main.kill();
    profile.remove();
  }
});

test('without runInBackground there is no tray and closing the window quits, cleanly', async () => {
  const profile = profileWith({ runInBackground: false });
  const main = await bootMain({ userData: profile.path });
  try {
    await main.next((m) => m.type === 'ready', 'ready');
    await main.nextCall('BrowserWindow.show');
    assert.equal(main.calls('new Tray').length, 0);
    await main.command({ do: 'window', event: 'close' });
    assert.equal(await main.exited, 0);
    assert.equal(main.calls('BrowserWindow.hide').length, 0);
    assert.equal(existsSync(join(profile.path, 'tidings.sqlite-wal')), false);
  } finally {
    await main.kill();
    profile.remove();
  }
});

test('started at login Tidings stays in the tray; openAtLogin sets the login item and the Linux autostart entry', async () => {
  const profile = profileWith();
  const appData = makeTempDir();
  const main = await bootMain({ userData: profile.path, appData: appData.path, args: ['--hidden'] });
  try {
    await main.nextCall('new Tray');
    await main.next((m) => m.type === 'loaded', 'the page loads, out of sight');
    await main.next((m) => m.type === 'shown-ready', 'ready-to-show');
    assert.equal(main.calls('BrowserWindow.show').length, 0, 'no window at a start at login');

    const on = await main.call('updateSettings', { openAtLogin: true });
    assert.equal(on.ok, true);
    await main.nextCall('app.setLoginItemSettings', ([s]) => (s as { openAtLogin: boolean }).openAtLogin === true);
    const entry = join(appData.path, 'autostart', 'tidings.desktop');
    assert.match(readFileSync(entry, 'utf8'), /\nExec=\S+ --hidden\n/);
    await main.call('updateSettings', { openAtLogin: false });
    await main.nextCall('app.setLoginItemSettings', ([s]) => (s as { openAtLogin: boolean }).openAtLogin === false);
    assert.equal(existsSync(entry), false);

    // runInBackground off removes the tray at once.
    await main.call('updateSettings', { runInBackground: false });
    await main.nextCall('Tray.destroy');
    const settings = (await main.call('getSettings', {})).value as Settings;
    assert.deepEqual([settings.runInBackground, settings.openAtLogin], [false, false]);
  } finally {
    await main.kill();
    profile.remove();
    appData.remove();
  }
});

test('a profile that cannot be opened is explained in a dialog, and the app exits instead of hanging in the tray', async () => {
  const profile = makeTempDir();
  const db = openDb(join(profile.path, 'tidings.sqlite'));
  db.pragma('user_version = 999');
  db.close();
  const main = await bootMain({ userData: profile.path });
  try {
    const shown = await main.nextCall('dialog.showErrorBox');
    assert.equal(shown.args[0], 'Tidings could not start');
    assert.match(String(shown.args[1]), /written by a newer Tidings/);
    assert.equal(await main.exited, 1);
    assert.equal(main.calls('new Tray').length, 0);
  } finally {
    await main.kill();
    profile.remove();
  }
});

test('a second Tidings hands over to the first and quits without touching the profile', async () => {
  const profile = makeTempDir();
  const main = await bootMain({ userData: profile.path, env: { TIDINGS_STAND_IN_SECOND: '1' } });
  try {
    assert.equal(await main.exited, 0);
    assert.equal(
      main.messages.some((m) => m.type === 'window'),
      false,
    );
    assert.equal(existsSync(join(profile.path, 'tidings.sqlite')), false);
  } finally {
    await main.kill();
    profile.remove();
  }
});
