import type { Db } from './open-db';

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;

/** Key/value settings stored as JSON; each part of the core reads its own keys with a default. */
export function createSettingsRepo(db: Db) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  return {
    get<T>(key: string, fallback: T): T {
      const row = read.get(key);
      if (!row) return fallback;
      try {
        return JSON.parse(row.value) as T;
      } catch {
        return fallback;
      }
    },
    set(key: string, value: unknown): void {
      write.run(key, JSON.stringify(value));
    },
  };
}
