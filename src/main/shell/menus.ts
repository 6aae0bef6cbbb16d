/**
 * The application menu and the tray's menu, as Electron menu templates. The app
 * menu is built from Electron's standard roles, so the platform supplies the
 * shortcuts and behaviour people expect (copy and paste on macOS need an Edit
 * menu to work at all).
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  addFeed(): void;
  refreshAll(): void;
}

export function appMenuTemplate(
  platform: NodeJS.Platform,
  actions: AppMenuActions,
  developer = false,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  return [
    ...(mac
      ? [
          {
            label: 'Tidings',
            role: 'appMenu',
            submenu: [
              { role: 'about' },
              separator,
              { role: 'services' },
              separator,
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              separator,
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: 'File',
      role: 'fileMenu',
      submenu: [
        { label: 'Add Feed…', accelerator: 'CmdOrCtrl+N', click: () => actions.addFeed() },
        { label: 'Refresh All', accelerator: 'CmdOrCtrl+Shift+R', click: () => actions.refreshAll() },
        separator,
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      role: 'editMenu',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(mac ? [{ role: 'pasteAndMatchStyle' } satisfies MenuItemConstructorOptions] : []),
        { role: 'delete' },
        separator,
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      role: 'viewMenu',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
        ...(developer
          ? ([separator, { role: 'reload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[])
          : []),
      ],
    },
    {
      label: 'Window',
      role: 'windowMenu',
      submenu: [
        { role: 'minimize' },
        { role: 'zoom' },
        ...(mac
          ? ([separator, { role: 'front' }] satisfies MenuItemConstructorOptions[])
          : ([{ role: 'close' }] satisfies MenuItemConstructorOptions[])),
      ],
    },
  ];
}

export interface TrayMenuActions {
  open(): void;
  refreshAll(): void;
  setNotificationsPaused(paused: boolean): void;
  quit(): void;
}

/** Open Tidings, Refresh all, Pause notifications (the same switch as the window's "Notify"), Quit. */
export function trayMenuTemplate(notificationsPaused: boolean, actions: TrayMenuActions): MenuItemConstructorOptions[] {
  return [
    { label: 'Open Tidings', click: () => actions.open() },
    { label: 'Refresh all', click: () => actions.refreshAll() },
    {
      label: 'Pause notifications',
      type: 'checkbox',
      checked: notificationsPaused,
      click: () => actions.setNotificationsPaused(!notificationsPaused),
    },
    { type: 'separator' },
    // Not role 'quit': the click itself closes the core first, then quits.
    { label: 'Quit', click: () => actions.quit() },
  ];
}
