/**
 * The tray icon (the notification area on Windows, the menu bar on macOS, the
 * status area on Linux): there while Tidings runs in the background, with the
 * unread count in its tooltip and the tray menu.
 */
import type { Menu as ElectronMenu, Tray as ElectronTray } from 'electron';
import { trayMenuTemplate, type TrayMenuActions } from './menus';

export interface TrayDeps {
  Tray: new (image: string) => ElectronTray;
  Menu: Pick<typeof ElectronMenu, 'buildFromTemplate'>;
  /** A PNG path (a "Template" file on macOS, which the menu bar tints). */
  icon: string;
  platform: NodeJS.Platform;
  actions: TrayMenuActions;
}

export interface TrayIcon {
  /** Shows or removes the icon, and rebuilds its menu for the pause switch. */
  sync(shown: boolean, notificationsPaused: boolean): void;
  setToolTip(text: string): void;
  destroy(): void;
}

export function createTrayIcon(deps: TrayDeps): TrayIcon {
  let tray: ElectronTray | null = null;
  let tooltip = 'Tidings';
  let paused: boolean | null = null;

  return {
    sync(shown, notificationsPaused) {
      if (!shown) {
        tray?.destroy();
        tray = null;
        return;
      }
      if (!tray) {
        tray = new deps.Tray(deps.icon);
        tray.setToolTip(tooltip);
        paused = null;
        // Windows and most Linux trays: a click opens the window (macOS opens the menu on click).
        if (deps.platform !== 'darwin') tray.on('click', () => deps.actions.open());
      }
      if (paused !== notificationsPaused) {
        paused = notificationsPaused;
        tray.setContextMenu(deps.Menu.buildFromTemplate(trayMenuTemplate(notificationsPaused, deps.actions)));
      }
    },
    setToolTip(text) {
      tooltip = text;
      tray?.setToolTip(text);
    },
    destroy() {
      tray?.destroy();
      tray = null;
    },
  };
}
