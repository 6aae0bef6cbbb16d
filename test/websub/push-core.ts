import { startTestCore, type TestCore } from '../support/test-core';
import type { CoreOptions } from '../../src/main/core/start-core';
import type { Db } from '../../src/main/core/db/open-db';
import { openDb } from '../../src/main/core/db/open-db';
import { join } from 'node:path';

/** Short WebSub timings so lifecycle tests run in milliseconds. */
export const fastTuning = {
  pendingTimeoutMs: 1500,
  retryBaseMs: 150,
  retryMaxMs: 2000,
  hubTimeoutMs: 2000,
};

/**
 * The real core with its callback server reachable at its own loopback origin
 * (as a reverse proxy would make it), secrets allowed to the plain-http test hub.
 */
export async function startPushCore(options: Partial<CoreOptions> = {}): Promise<TestCore> {
  const t = await startTestCore({ allowHttpSecret: true, websubTuning: fastTuning, ...options });
  if (options.publicUrl === undefined) t.core.push.setPublicBaseUrl(t.core.push.callbackOrigin());
  return t;
}

export async function addFeed(core: TestCore['core'], url: string): Promise<number> {
  const result = await core.addFeed({ url });
  if (!('feed' in result)) throw new Error('expected a feed, got choices');
  return result.feed.id;
}

export async function delivery(core: TestCore['core'], feedId: number) {
  const feed = (await core.listFeeds({})).find((f) => f.id === feedId);
  if (!feed) throw new Error(`feed ${feedId} is gone`);
  return feed.delivery;
}

/** A second connection to the profile's database, to look at what is really on disk. */
export function peekDb(dataDir: string): Db {
  return openDb(join(dataDir, 'tidings.sqlite'));
}

export async function withPushCore(
  fn: (t: TestCore) => Promise<void>,
  options: Partial<CoreOptions> = {},
): Promise<void> {
  const t = await startPushCore(options);
  try {
    await fn(t);
  } finally {
    await t.close();
  }
}
