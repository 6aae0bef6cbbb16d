import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { startSharingCore, waitFor } from './sharing-core';
import { freePort } from '../support/free-port';

/**
 * Another implementation than ours: the npm `pubsubhubbub` subscriber (1.0.2).
 * Its quirk with a secret, read from its source: it sends the hub not the
 * secret it was given but HMAC-SHA1(secret, topic) in hex, yet checks
 * deliveries with the secret it was given, so it drops every correctly signed
 * ping (answering 202, emitting nothing). A hub can't sign with a secret it
 * was never told; what it can do is sign exactly with the one it was sent,
 * which this test proves by giving the subscriber that registered secret.
 */
interface PubSubEvents {
  on(event: 'feed', listener: (data: { topic: string; feed: Buffer; headers: Record<string, string> }) => void): void;
  on(event: 'subscribe' | 'unsubscribe', listener: (data: { topic: string; lease: number }) => void): void;
  on(event: 'error' | 'denied', listener: (error: unknown) => void): void;
}
interface PubSub extends PubSubEvents {
  secret: string | false;
  server?: { close(callback: () => void): void; closeAllConnections(): void };
  listen(port: number, host: string): void;
  subscribe(topic: string, hub: string, callback: (error: Error | null) => void): void;
  unsubscribe(topic: string, hub: string, callback: (error: Error | null) => void): void;
}
const { createServer } = createRequire(import.meta.url)('pubsubhubbub') as {
  createServer(options: { callbackUrl: string; secret?: string; leaseSeconds?: number }): PubSub;
};

async function startPubSub(secret?: string) {
  const port = await freePort();
  const pubsub = createServer({ callbackUrl: `http://127.0.0.1:${port}/`, secret });
  pubsub.listen(port, '127.0.0.1');
  const feeds: Buffer[] = [];
  const subscribed: string[] = [];
  pubsub.on('feed', (data) => feeds.push(data.feed));
  pubsub.on('subscribe', (data) => subscribed.push(data.topic));
  pubsub.on('error', () => {});
  const call = (mode: 'subscribe' | 'unsubscribe', topic: string, hub: string) =>
    new Promise<void>((resolve, reject) => pubsub[mode](topic, hub, (error) => (error ? reject(error) : resolve())));
  return {
    pubsub,
    feeds,
    subscribed,
    call,
    close: () =>
      new Promise<void>((resolve) => {
        pubsub.server?.closeAllConnections();
        pubsub.server ? pubsub.server.close(resolve) : resolve();
      }),
  };
}

test('npm pubsubhubbub subscribes, is verified, and receives the shared feed (unsigned, and signed with the secret it registered)', async () => {
  const t = await startSharingCore();
  const unsigned = await startPubSub();
  const signed = await startPubSub('the secret it was given');
  try {
    const { feedUrl: topic, hubUrl } = await t.core.getSharing({});
    await unsigned.call('subscribe', topic!, hubUrl!);
    await signed.call('subscribe', topic!, hubUrl!);
    await waitFor(() => unsigned.subscribed.length === 1 && signed.subscribed.length === 1, 'both verified');
    const subscribers = await waitFor(async () => {
      const list = (await t.core.getSharing({})).subscribers;
      return list.length === 2 ? list : null;
    }, 'both stored');
    assert.deepEqual(subscribers.map((s) => s.signed).sort(), [false, true]);

    // As shipped, the signed one drops our (correct) signature: acknowledged, never emitted.
    await t.core.shareItem({ itemId: t.itemIds[0]!, note: 'first' });
    await waitFor(() => unsigned.feeds.length === 1, 'the unsigned delivery');
    await waitFor(
      async () => (await t.core.getSharing({})).subscribers.every((s) => s.lastDeliveryOk),
      'both acknowledged',
    );
    assert.equal(signed.feeds.length, 0);

    // Given the secret it registered, it verifies our signature and emits the feed, byte for byte what a GET returns.
    signed.pubsub.secret = createHmac('sha1', 'the secret it was given').update(topic!).digest('hex');
    await t.core.shareItem({ itemId: t.itemIds[1]!, note: 'second' });
    await waitFor(() => signed.feeds.length === 1 && unsigned.feeds.length === 2, 'both deliveries');
    const fresh = Buffer.from(await (await fetch(topic!)).arrayBuffer());
    assert.deepEqual(signed.feeds[0], fresh);
    assert.deepEqual(unsigned.feeds[1], fresh);

    // And it unsubscribes.
    await unsigned.call('unsubscribe', topic!, hubUrl!);
    await waitFor(async () => (await t.core.getSharing({})).subscribers.length === 1, 'one left');
  } finally {
    await t.close();
    await unsigned.close();
    await signed.close();
  }
});
