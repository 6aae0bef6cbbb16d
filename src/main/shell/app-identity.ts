/**
 * Windows ties toasts, the taskbar button and the Run entry of the login item
 * to an Application User Model ID, and shows a toast only for an ID that a
 * Start-menu shortcut carries. It must be set before any window or
 * notification. Run from a clone, the shortcut Windows knows is Electron's own
 * (electron.exe, identified by its path); a packaged Tidings uses its own ID,
 * which the installer's shortcut must carry (electron-builder's appId).
 */
import type { LaunchCommand } from './login-item';

export const packagedAppUserModelId = 'app.tidings.desktop';

/** The ID to set with app.setAppUserModelId, or null where the platform has none. */
export function appUserModelId(launch: Pick<LaunchCommand, 'platform' | 'defaultApp' | 'execPath'>): string | null {
  if (launch.platform !== 'win32') return null;
  return launch.defaultApp ? launch.execPath : packagedAppUserModelId;
}
