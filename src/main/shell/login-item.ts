/**
 * Start at login. Electron's app.setLoginItemSettings covers macOS and Windows;
 * on Linux it does nothing, so Tidings writes an XDG autostart entry
 * (~/.config/autostart/tidings.desktop), which GNOME, KDE, Xfce and the others
 * run at login.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings as LoginItemSettings } from 'electron';
import { hiddenFlag } from './start-hidden';

export interface LaunchCommand {
  platform: NodeJS.Platform;
  /** process.execPath: Electron, or the packaged app's executable. */
  execPath: string;
  /** process.defaultApp: run as `electron path/to/app`, so the app's path must follow. */
  defaultApp: boolean;
  appPath: string;
  /** An AppImage runs from a temporary mount: $APPIMAGE is the file to start instead. */
  appImage?: string;
}

export function loginItemSettings(openAtLogin: boolean, launch: LaunchCommand): LoginItemSettings {
  if (launch.platform === 'win32') {
    const args = launch.defaultApp ? [launch.appPath, hiddenFlag] : [hiddenFlag];
    return { openAtLogin, path: launch.execPath, args };
  }
  // macOS (13 and later, all Electron 45 runs on with login items) reports wasOpenedAtLogin, which the start reads.
  return { openAtLogin };
}

/** One argument of an Exec= line: quoted, with the characters the spec reserves escaped. */
function execArg(arg: string): string {
  if (/^[\w\-./+=:,@]+$/.test(arg)) return arg;
  return `"${arg.replace(/[\\"`$]/g, '\\$&')}"`;
}

/** The XDG autostart entry that starts Tidings hidden in the tray. */
export function autostartEntry(launch: LaunchCommand): string {
  const command = [launch.appImage ?? launch.execPath, ...(launch.defaultApp ? [launch.appPath] : []), hiddenFlag];
  // Exec= is a string value: backslashes are escaped once more, and % is the field-code sign.
  const exec = command.map(execArg).join(' ').replace(/\\/g, '\\\\').replace(/%/g, '%%');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Tidings',
    'Comment=Keeps receiving your feeds in the background',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export const autostartFileName = 'tidings.desktop';

export interface LoginItemDeps {
  app: { setLoginItemSettings(settings: LoginItemSettings): void };
  launch: LaunchCommand;
  /** Linux: the XDG autostart folder (~/.config/autostart); asked only when needed. */
  autostartDir(): string;
  log: (message: string, error?: unknown) => void;
}

/** Starts Tidings at login, or stops doing so: the login item, and on Linux the autostart entry. */
export function applyLoginItem(openAtLogin: boolean, deps: LoginItemDeps): void {
  try {
    deps.app.setLoginItemSettings(loginItemSettings(openAtLogin, deps.launch));
    if (deps.launch.platform !== 'linux') return;
    const dir = deps.autostartDir();
    const file = join(dir, autostartFileName);
    if (openAtLogin) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, autostartEntry(deps.launch));
    } else {
      rmSync(file, { force: true });
    }
  } catch (error) {
    deps.log(`could not ${openAtLogin ? 'set' : 'remove'} the start at login`, error);
  }
}
