import { createHmac } from 'node:crypto';
import { startFixtureServer, send, type FixtureServer } from '../support/fixture-server';
import { atom } from '../support/feeds';
import { startPushCore } from '../websub/push-core';
import type { TestCore } from '../support/test-core';
import type { CoreOptions } from '../../src/main/core/start-core';

/** Hub timings for tests: retries in a fraction of a second instead of 5^n seconds. */
export const fastHubTuning = {
  retryBaseMs: 100,
  retryFactor: 2,
  coalesceMs: 200,
  verifyTimeoutMs: 3000,
  deliveryTimeoutMs: 3000,
};

/**
 * A real core whose public listener is reachable at its own loopback origin
 * (as a reverse proxy would make it), with the hub allowed to call loopback
 * callbacks (the flag tests and a LAN use), and a feed with items to share.
 */
export async function startSharingCore(
  options: Partial<CoreOptions> = {},
): Promise<TestCore & { feeds: FixtureServer; itemIds: number[] }> {
  const feeds = await startFixtureServer({
    '/news.xml': send(
      atom('News and Views', [
        { id: 'n1', title: 'First &lt;story&gt;', content: '<p>One &amp; only</p>' },
        { id: 'n2', title: 'Second story' },
        { id: 'n3', title: 'Third story' },
      ]),
      'application/atom+xml',
    ),
  });
  const t = await startPushCore({ hubAllowPrivateCallbacks: true, hubTuning: fastHubTuning, ...options });
  let items: { id: number }[];
  try {
    const added = await t.core.addFeed({ url: feeds.url('/news.xml') });
    if (!('feed' in added)) throw new Error('expected a feed');
    items = (await t.core.listItems({ feedId: added.feed.id })).items;
  } catch (error) {
    await t.close();
    await feeds.close();
    throw error;
  }
  const closeCore = t.close;
  return Object.assign(t, {
    feeds,
    itemIds: items.map((i) => i.id).sort((a, b) => a - b),
    async close() {
      await closeCore();
      await feeds.close();
    },
  });
}

export async function hubPost(hubUrl: string, params: Record<string, string>) {
  const response = await fetch(hubUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

export function sign(body: Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
