/** A profile for the booted shell, with settings stored before the app starts; the tunnel points nowhere unless told. */
import { join } from 'node:path';
import { openDb } from '../../src/main/core/db/open-db';
import { createSettingsRepo } from '../../src/main/core/db/settings-repo';
import type { Settings } from '../../src/shared/api';
import { makeTempDir } from './temp-dir';

export function profileWith(settings: Partial<Settings> = {}) {
  const dir = makeTempDir();
  const db = openDb(join(dir.path, 'tidings.sqlite'));
  createSettingsRepo(db).set('settings', { tunnelHost: 'http://127.0.0.1:9', ...settings });
  db.close();
  return dir;
}
