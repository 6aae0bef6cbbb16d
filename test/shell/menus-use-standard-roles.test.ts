import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate, trayMenuTemplate } from '../../src/main/shell/menus';

const roles = (items: MenuItemConstructorOptions[] | undefined): string[] =>
  (items ?? []).flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...roles(Array.isArray(item.submenu) ? item.submenu : undefined),
  ]);
const menu = (template: MenuItemConstructorOptions[], label: string) => {
  const found = template.find((item) => item.label === label);
  assert.ok(found, label);
  return found.submenu as MenuItemConstructorOptions[];
};
const noop = { addFeed: () => {}, refreshAll: () => {} };

test('every platform gets Edit (undo, redo, cut, copy, paste, select all), View (zoom) and Window menus by role', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    const template = appMenuTemplate(platform, noop);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) {
      assert.ok(roles(menu(template, 'Edit')).includes(role), `${platform} Edit ${role}`);
    }
    assert.deepEqual(roles(menu(template, 'View')).slice(0, 3), ['resetZoom', 'zoomIn', 'zoomOut'], platform);
    assert.ok(roles(menu(template, 'Window')).includes('minimize'), platform);
    assert.deepEqual(
      template.map((item) => item.role),
      platform === 'darwin'
        ? ['appMenu', 'fileMenu', 'editMenu', 'viewMenu', 'windowMenu']
        : ['fileMenu', 'editMenu', 'viewMenu', 'windowMenu'],
    );
    assert.equal(roles(template).includes('toggleDevTools'), false, 'no developer tools for users');
  }
  const mac = appMenuTemplate('darwin', noop);
  assert.deepEqual(roles(menu(mac, 'Tidings')), ['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
  assert.ok(roles(menu(appMenuTemplate('win32', noop), 'File')).includes('quit'));
  assert.ok(roles(appMenuTemplate('linux', noop, true)).includes('toggleDevTools'));
});

test('the File menu adds a feed and refreshes everything', () => {
  const called: string[] = [];
  const file = menu(
    appMenuTemplate('linux', { addFeed: () => called.push('add'), refreshAll: () => called.push('all') }),
    'File',
  );
  for (const item of file) (item.click as (() => void) | undefined)?.();
  assert.deepEqual(called, ['add', 'all']);
  assert.equal(file[0]!.accelerator, 'CmdOrCtrl+N');
});

test('the tray menu: Open Tidings, Refresh all, Pause notifications as a checkbox, Quit', () => {
  const called: string[] = [];
  const actions = {
    open: () => called.push('open'),
    refreshAll: () => called.push('refresh'),
    setNotificationsPaused: (paused: boolean) => called.push(`paused=${paused}`),
    quit: () => called.push('quit'),
  };
  const template = trayMenuTemplate(false, actions);
  assert.deepEqual(
    template.map((item) => item.label ?? item.type),
    ['Open Tidings', 'Refresh all', 'Pause notifications', 'separator', 'Quit'],
  );
  assert.equal(template[2]!.type, 'checkbox');
  assert.equal(template[2]!.checked, false);
  for (const item of template) (item.click as (() => void) | undefined)?.();
  assert.deepEqual(called, ['open', 'refresh', 'paused=true', 'quit']);
  const paused = trayMenuTemplate(true, actions);
  assert.equal(paused[2]!.checked, true);
  (paused[2]!.click as () => void)();
  assert.equal(called.at(-1), 'paused=false');
});
