import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestCore } from '../support/test-core';
import { startTunnelServer } from '../support/tunnel-server';
import { freePort } from '../support/free-port';
import { startFixtureServer, send } from '../support/fixture-server';
import { atom } from '../support/feeds';
import { resolveLocalhostNames } from '../support/resolve-localhost';
import { fastTuning, peekDb } from '../websub/push-core';
import { fastHubTuning, waitFor } from './sharing-core';

resolveLocalhostNames();
const tunnelTuning = { healthIntervalMs: 1000, healthFailures: 2, timeoutMs: 5000, retryBaseMs: 200, retryMaxMs: 1000 };

test("a second Tidings subscribes to the first one's shared feed through the localtunnel server, gets each share pushed and signed, and an unsubscribe stops them", async (context) => {
  const tunnelServer = await startTunnelServer(await freePort());
  const feeds = await startFixtureServer({
    '/news.xml': send(
      atom('Sharer news', [
        { id: 's1', title: 'Worth sharing' },
        { id: 's2', title: 'Also good' },
      ]),
      'application/atom+xml',
    ),
  });
  // The sharing core calls back into the second core's tunnel URL, a *.localhost (loopback) name: the flag allows it.
  const sharer = await startTestCore({
    tunnelHost: tunnelServer.origin,
    tunnelTuning,
    hubAllowPrivateCallbacks: true,
    hubTuning: fastHubTuning,
  });
  const reader = await startTestCore({
    tunnelHost: tunnelServer.origin,
    tunnelTuning,
    allowHttpSecret: true,
    websubTuning: fastTuning,
  });
  try {
    const added = await sharer.core.addFeed({ url: feeds.url('/news.xml') });
    assert.ok('feed' in added);
    const items = (await sharer.core.listItems({ feedId: added.feed.id })).items;
    const byTitle = (title: string) => items.find((i) => i.title === title)!.id;
    const sharing = await waitFor(async () => {
      const s = await sharer.core.getSharing({});
      return s.feedUrl ? s : null;
    }, "the sharer's public address");
    const up = await sharer.core.getStatus({});
    assert.equal(sharing.feedUrl, `${up.tunnel.url}/shared.atom`);
    assert.match(sharing.feedUrl!, /^http:\/\/tidings-[a-z0-9]+\.localhost:\d+\/shared\.atom$/);
    await waitFor(async () => (await reader.core.getStatus({})).tunnel.state === 'up', "the reader's tunnel");

    // The reader adds the shared feed like any feed: discovery finds our hub, and it subscribes with a secret.
    const follow = await reader.core.addFeed({ url: sharing.feedUrl! });
    assert.ok('feed' in follow);
    const feedId = follow.feed.id;
    assert.equal(follow.feed.title, 'Shared from Tidings');
    await waitFor(() => reader.core.push.isPushLive(feedId), 'push live at the reader', 15_000);
    // The reader answers the challenge before the hub reads that answer and stores the subscription.
    const subscriber = await waitFor(
      async () => (await sharer.core.getSharing({})).subscribers[0],
      "the reader's subscription at the sharer's hub",
    );
    assert.equal(subscriber.signed, true);
    assert.equal(subscriber.callbackHost, new URL((await reader.core.getStatus({})).tunnel.url!).host);
    assert.equal((await reader.core.listFeeds({}))[0]!.delivery.hubUrl, sharing.hubUrl);

    // A share reaches the reader by push through both tunnels, and its signature verifies there.
    const sharedAt = Date.now();
    await sharer.core.shareItem({ itemId: byTitle('Worth sharing'), note: 'You will like this' });
    const arrived = await waitFor(async () => {
      const list = (await reader.core.listItems({ feedId })).items;
      return list.find((i) => i.title === 'Worth sharing');
    }, 'the shared item at the reader');
    const latencyMs = Date.now() - sharedAt;
    const detail = await reader.core.getItem({ itemId: arrived.id });
    assert.match(detail.contentHtml, /You will like this/);
    const delivery = (await reader.core.listFeeds({})).find((f) => f.id === feedId)!.delivery;
    assert.equal(delivery.mode, 'push');
    assert.ok(delivery.lastPingAt !== null, 'it came as a ping, not a poll');
    assert.equal(delivery.rejectedSignatures, 0);
    const db = peekDb(reader.dataDir);
    try {
      const row = db.prepare('SELECT secret FROM websub_subscriptions WHERE feed_id = ?').get(feedId) as {
        secret: string | null;
      };
      assert.ok(row.secret, 'the reader gave a secret, so the ping was signed and checked');
    } finally {
      db.close();
    }
    context.diagnostic(`share to the reader's screen through the tunnel: ${latencyMs} ms`);

    // The reader stops following: it unsubscribes, the hub verifies, and no more deliveries go out.
    await reader.core.removeFeed({ feedId });
    await waitFor(async () => (await sharer.core.getSharing({})).subscribers.length === 0, 'the unsubscribe', 15_000);
    await sharer.core.shareItem({ itemId: byTitle('Also good') });
    await sharer.core.sharing.settle();
    const after = await sharer.core.getSharing({});
    assert.deepEqual(after.subscribers, []);
    assert.equal(after.entryCount, 2);
  } finally {
    await reader.close();
    await sharer.close();
    await tunnelServer.close();
    await feeds.close();
  }
});
