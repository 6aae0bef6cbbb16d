import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shouldStartHidden } from '../../src/main/shell/start-hidden';
import { autostartEntry, loginItemSettings, type LaunchCommand } from '../../src/main/shell/login-item';

test('a start at login goes to the tray: Windows and Linux by the --hidden flag, macOS by what it reports', () => {
  const base = { runInBackground: true, openedAtLogin: false };
  assert.equal(shouldStartHidden({ ...base, argv: ['C:\\Tidings\\Tidings.exe', '--hidden'] }), true);
  assert.equal(
    shouldStartHidden({ ...base, argv: ['/Applications/Tidings.app/Contents/MacOS/Tidings'], openedAtLogin: true }),
    true,
  );
  assert.equal(shouldStartHidden({ ...base, argv: ['/opt/Tidings/tidings'] }), false, 'started by hand: a window');
  assert.equal(shouldStartHidden({ ...base, argv: ['--hidden'] }), false, 'argv[0] is the executable, not a flag');
});

test('no hidden start without the tray to come back from, nor when a feed link came with the start', () => {
  assert.equal(
    shouldStartHidden({ argv: ['tidings', '--hidden'], runInBackground: false, openedAtLogin: true }),
    false,
  );
  assert.equal(
    shouldStartHidden({ argv: ['tidings', '--hidden', 'feed://x/y'], runInBackground: true, openedAtLogin: false }),
    false,
  );
});

const packaged = (platform: NodeJS.Platform, execPath: string): LaunchCommand => ({
  platform,
  execPath,
  defaultApp: false,
  appPath: '/ignored',
});

test('the login item starts the app itself, hidden: Windows gets the flag, macOS says it opened it at login', () => {
  assert.deepEqual(loginItemSettings(true, packaged('win32', 'C:\\Tidings\\Tidings.exe')), {
    openAtLogin: true,
    path: 'C:\\Tidings\\Tidings.exe',
    args: ['--hidden'],
  });
  assert.deepEqual(
    loginItemSettings(true, {
      platform: 'win32',
      execPath: 'C:\\e\\electron.exe',
      defaultApp: true,
      appPath: 'C:\\src\\tidings',
    }),
    { openAtLogin: true, path: 'C:\\e\\electron.exe', args: ['C:\\src\\tidings', '--hidden'] },
  );
  assert.deepEqual(loginItemSettings(false, packaged('darwin', '/Applications/Tidings.app')), { openAtLogin: false });
  assert.deepEqual(loginItemSettings(true, packaged('linux', '/opt/Tidings/tidings')), { openAtLogin: true });
});

test('the Linux autostart entry runs Tidings hidden, quoting paths as the desktop entry spec asks', () => {
  const plain = autostartEntry(packaged('linux', '/opt/Tidings/tidings'));
  assert.match(plain, /^\[Desktop Entry\]\nType=Application\nName=Tidings\n/);
  assert.match(plain, /\nExec=\/opt\/Tidings\/tidings --hidden\n/);
  const spaced = autostartEntry({
    ...packaged('linux', '/home/ann/My Apps/tidings'),
    appImage: '/home/ann/Apps/Tidings 1.0 $x%.AppImage',
  });
  assert.match(spaced, /\nExec="\/home\/ann\/Apps\/Tidings 1\.0 \\\\\$x%%\.AppImage" --hidden\n/);
  const dev = autostartEntry({
    platform: 'linux',
    execPath: '/w/node_modules/electron/dist/electron',
    defaultApp: true,
    appPath: '/w',
  });
  assert.match(dev, /\nExec=\/w\/node_modules\/electron\/dist\/electron \/w --hidden\n/);
});
