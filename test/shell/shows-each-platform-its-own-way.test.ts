import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { appUserModelId, packagedAppUserModelId } from '../../src/main/shell/app-identity';
import { startFixtureServer, send } from '../support/fixture-server';
import { rss } from '../support/feeds';
import { bootMain, root } from '../support/boot-main';
import { profileWith } from '../support/shell-profile';

type Overlay = [{ nativeImage: { bytes: number; options: { scaleFactor: number } } } | null, string];

test('Windows: the unread number is an overlay on the taskbar button, drawn again each time the window shows', async () => {
  const profile = profileWith();
  const site = await startFixtureServer({
    '/feed.xml': send(
      rss('Overlay feed', [
        { id: 'o1', title: 'One' },
        { id: 'o2', title: 'Two' },
      ]),
    ),
  });
  const main = await bootMain({ userData: profile.path, platform: 'win32' });
  try {
    // Set first, before any window or notification, or Windows shows no toasts.
    const id = await main.nextCall('app.setAppUserModelId');
    assert.deepEqual(id.args, [packagedAppUserModelId]);
    const firstWindow = main.messages.findIndex((m) => m.type === 'window');
    assert.ok(firstWindow === -1 || main.messages.indexOf(id) < firstWindow);

    await main.nextCall('BrowserWindow.setOverlayIcon', ([, text]) => text === 'No unread items');
    assert.equal((await main.call('addFeed', { url: site.url('/feed.xml') })).ok, true);
    const two = await main.nextCall('BrowserWindow.setOverlayIcon', ([, text]) => text === '2 unread items');
    const [image] = two.args as Overlay;
    assert.ok(image && image.nativeImage.bytes > 0, 'a drawn PNG');
    assert.equal(image.nativeImage.options.scaleFactor, 2);
    assert.equal(main.calls('app.setBadgeCount').length, 0, 'Windows has no badge count');
    await main.nextCall('Tray.setToolTip', ([text]) => text === 'Tidings: 2 unread');

    // Hidden to the tray and back: the taskbar button is new, and gets the number again.
    await main.command({ do: 'window', event: 'close' });
    await main.nextCall('BrowserWindow.hide');
    const before = main.calls('BrowserWindow.setOverlayIcon').length;
    await main.command({ do: 'trayClick' });
    const again = main.calls('BrowserWindow.setOverlayIcon');
    assert.equal(again.length, before + 1);
    assert.equal(again.at(-1)!.args[1], '2 unread items');

    // All read: the overlay goes.
    const items = (await main.call('listItems', {})).value.items as Array<{ id: number }>;
    assert.equal((await main.call('setRead', { itemIds: items.map((i) => i.id), read: true })).ok, true);
    const cleared = await main.nextCall('BrowserWindow.setOverlayIcon', ([, text]) => text === 'No unread items');
    assert.equal((cleared.args as Overlay)[0], null);
    const tray = main.calls('new Tray')[0]!;
    assert.equal(tray.args[0], join(root, 'out', 'main', 'icons', 'tray.png'));
  } finally {
    await main.kill();
    await site.close();
    profile.remove();
  }
});

test('macOS: a start at login stays in the menu bar, the Dock shows the badge, and the Dock icon brings the window', async () => {
  const profile = profileWith();
  const main = await bootMain({ userData: profile.path, platform: 'darwin', env: { TIDINGS_STAND_IN_AT_LOGIN: '1' } });
  try {
    const tray = await main.nextCall('new Tray');
    assert.equal(tray.args[0], join(root, 'out', 'main', 'icons', 'trayTemplate.png'), 'a template image');
    await main.next((m) => m.type === 'shown-ready', 'ready-to-show');
    assert.equal(main.calls('BrowserWindow.show').length, 0, 'macOS said it opened Tidings at login');
    await main.nextCall('app.setBadgeCount', ([count]) => count === 0);
    assert.equal(main.calls('app.setAppUserModelId').length, 0);
    assert.equal(main.calls('BrowserWindow.setOverlayIcon').length, 0);
    const roles = JSON.stringify(main.calls('Menu.setApplicationMenu')[0]!.args[0]);
    assert.match(roles, /"role":"appMenu"/);

    await main.command({ do: 'app', event: 'activate' });
    await main.nextCall('BrowserWindow.show');
  } finally {
    await main.kill();
    profile.remove();
  }
});

test('the Windows app ID is Electron’s path run from a clone, and the packaged app’s own otherwise', () => {
  const exe = 'C:\\Users\\ann\\tidings\\node_modules\\electron\\dist\\electron.exe';
  assert.equal(appUserModelId({ platform: 'win32', defaultApp: true, execPath: exe }), exe);
  assert.equal(
    appUserModelId({ platform: 'win32', defaultApp: false, execPath: 'C:\\Program Files\\Tidings\\Tidings.exe' }),
    packagedAppUserModelId,
  );
  assert.equal(appUserModelId({ platform: 'darwin', defaultApp: false, execPath: '/x' }), null);
  assert.equal(appUserModelId({ platform: 'linux', defaultApp: true, execPath: '/x' }), null);
});
