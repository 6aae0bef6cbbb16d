import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type Db } from './db/open-db';
import { inWords } from './app-error';
import { lockProfile, type ProfileLock } from './profile-lock';
import { systemClock, type Clock } from './clock';
import { createReader, type Log, type Reader } from './reader';
import type { Fetcher } from './feeds/load-feed';
import type { FetchOptions } from './feeds/fetch-url';
import type { PollerOptions } from './poller/create-poller';
import type { WebSubTuning } from './websub/tuning';
import type { TunnelTuning } from './tunnel/tunnel-manager';
import type { IconTuning } from './icons/feed-icons';
import type { ArticleTuning } from './article/article-methods';
import type { HubTuning } from './hub/tuning';

export interface CoreOptions {
  /** Folder for the database and settings; created when missing. */
  dataDir: string;
  version: string;
  log?: Log;
  clock?: Clock;
  fetcher?: Fetcher;
  fetchOptions?: FetchOptions;
  pollerOptions?: PollerOptions;
  /** Port of the WebSub callback server (default: any free one). */
  callbackPort?: number;
  /** Public base URL that reaches the callback server (a reverse proxy); without it, push waits for a tunnel. */
  publicUrl?: string;
  /** Allow WebSub secrets to plain-http hubs for this run. */
  allowHttpSecret?: boolean;
  /** Push off for this run (--no-push). */
  noPush?: boolean;
  /** WebSub timings (tests shorten them). */
  websubTuning?: Partial<WebSubTuning>;
  /** Run a localtunnel to the callback server, with the tunnel server from the settings. */
  tunnel?: boolean;
  /** Run a localtunnel through this server (the setting's value for this run, until changed). */
  tunnelHost?: string;
  tunnelTuning?: Partial<TunnelTuning>;
  iconTuning?: Partial<IconTuning>;
  articleTuning?: Partial<ArticleTuning>;
  /** Let the hub call callbacks on loopback, private or link-local addresses (--hub-allow-private-callbacks). */
  hubAllowPrivateCallbacks?: boolean;
  /** Hub timings and limits (tests shorten and raise them). */
  hubTuning?: Partial<HubTuning>;
}

export const databaseFileName = 'tidings.sqlite';

/** The composition root both shells call: opens the profile and builds the core, in this order. */
export async function startCore(options: CoreOptions): Promise<Reader> {
  let lock: ProfileLock;
  let db: Db;
  try {
    mkdirSync(options.dataDir, { recursive: true });
    // Before the database opens: a second core on this profile stops here, in words (PROFILE_IN_USE).
    lock = lockProfile(options.dataDir);
  } catch (error) {
    throw inWords(error, 'open your profile');
  }
  try {
    db = openDb(join(options.dataDir, databaseFileName));
  } catch (error) {
    lock.release();
    throw inWords(error, 'open your profile');
  }
  const log: Log = options.log ?? ((message, error) => console.error(`[tidings] ${message}`, error ?? ''));
  const reader = createReader({
    db,
    clock: options.clock ?? systemClock,
    log,
    version: options.version,
    fetcher: options.fetcher,
    fetchOptions: options.fetchOptions,
    pollerOptions: options.pollerOptions,
    settingsOverrides: {
      ...(options.allowHttpSecret ? { allowHttpSecret: true } : {}),
      ...(options.noPush ? { pushEnabled: false } : {}),
      ...(options.tunnelHost ? { tunnelHost: options.tunnelHost } : {}),
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    },
    websub: { callbackPort: options.callbackPort, tuning: options.websubTuning },
    tunnel: options.tunnel || options.tunnelHost ? { tuning: options.tunnelTuning } : undefined,
    iconTuning: options.iconTuning,
    articleTuning: options.articleTuning,
    hub: { allowPrivateCallbacks: options.hubAllowPrivateCallbacks === true, tuning: options.hubTuning },
  });
  try {
    await reader.start();
  } catch (error) {
    await reader.close();
    db.close();
    lock.release();
    throw inWords(error, 'start');
  }
  return {
    ...reader,
    async close() {
      await reader.close();
      db.close();
      lock.release();
    },
  };
}
