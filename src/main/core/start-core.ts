import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from './db/open-db';
import { systemClock, type Clock } from './clock';
import { createReader, type Log, type Reader } from './reader';
import type { Fetcher } from './feeds/load-feed';
import type { FetchOptions } from './feeds/fetch-url';

export interface CoreOptions {
  /** Folder for the database and settings; created when missing. */
  dataDir: string;
  version: string;
  log?: Log;
  clock?: Clock;
  fetcher?: Fetcher;
  fetchOptions?: FetchOptions;
}

export const databaseFileName = 'tidings.sqlite';

/** The composition root both shells call: opens the profile and builds the core, in this order. */
export async function startCore(options: CoreOptions): Promise<Reader> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDb(join(options.dataDir, databaseFileName));
  const log: Log = options.log ?? ((message, error) => console.error(`[tidings] ${message}`, error ?? ''));
  const reader = createReader({
    db,
    clock: options.clock ?? systemClock,
    log,
    version: options.version,
    fetcher: options.fetcher,
    fetchOptions: options.fetchOptions,
  });
  return {
    ...reader,
    async close() {
      await reader.close();
      db.close();
    },
  };
}
