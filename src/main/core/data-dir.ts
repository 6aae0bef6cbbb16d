import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder Electron's app.getPath('userData') gives for "Tidings", so the host and the app share a profile. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Tidings');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Tidings');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Tidings');
}
