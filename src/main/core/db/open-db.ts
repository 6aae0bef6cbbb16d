import Database from 'better-sqlite3';
import { migrations } from './migrations';

export type Db = Database.Database;

/**
 * Opens (or creates) the database file and brings its schema up to date.
 * WAL so readers never wait on the writer; NORMAL sync is durable across app
 * crashes (only an OS crash can lose the last commits), which is the usual
 * trade for a desktop app. A schema newer than this build is refused rather
 * than guessed at, so an older Tidings never damages a newer profile.
 */
export function openDb(file: string): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db): void {
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new Error(
      `This profile was written by a newer Tidings (schema ${current}, this build knows ${latest}). Update Tidings to open it.`,
    );
  }
  for (let version = current + 1; version <= latest; version++) {
    const step = migrations[version - 1]!;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
