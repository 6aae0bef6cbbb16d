/**
 * The fourteen behaviours websub.rocks checks of a subscriber (tests 100-104,
 * 200-205, 300-302), each against a hub that behaves as its hub does
 * (verification before the POST is answered, whole pages labelled text/html,
 * sha256, a subscription dropped on any non-2xx delivery answer), and with
 * the topic as an HTML h-feed page unless the test is about Atom or RSS.
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub, defaultKnobs, websubRocksKnobs, type TestHub } from '../support/test-hub';
import type { TestCore } from '../support/test-core';
import { addFeed, delivery, withPushCore } from './push-core';

let hub: TestHub;
before(async () => {
  hub = await startTestHub(websubRocksKnobs);
});
after(() => hub.close());
beforeEach(() => Object.assign(hub.knobs, defaultKnobs(), websubRocksKnobs));

const firstPost = [{ id: 'first', title: 'The first post' }];
const requestFor = (topic: string) =>
  hub.waitFor(() => hub.requests.find((r) => r.form.get('hub.topic') === topic), `a subscription to ${topic}`);
const titles = async (core: TestCore['core'], feedId: number) =>
  (await core.listItems({ feedId })).items.map((i) => i.title);

/** Subscribed and verified at the hub, then a post published: the hub's answer and what Tidings stored. */
async function publishAndRead(core: TestCore['core'], feedId: number, name: string, title: string) {
  await hub.waitFor(() => hub.subscriptions(name)[0], `the hub to hold a subscription to ${name}`);
  await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
  const [answer] = await hub.publish(name, [{ id: `${name}-new`, title }]);
  await core.push.settle();
  return { status: answer!.status, titles: await titles(core, feedId) };
}

test('100 discovery by HTTP Link headers on an h-feed page: subscribed, verified, and a pushed page read', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('100', { format: 'hfeed', entries: firstPost, hfeedIds: 'positional' });
    const feedId = await addFeed(core, hub.topicUrl('100'));
    const request = await requestFor(hub.topicUrl('100'));
    assert.equal(request.path, '/hub');
    // The hub verifies before it answers the POST, but it records the request when it arrives.
    const verification = await hub.waitFor(
      () => hub.verifications.find((v) => v.topic === hub.topicUrl('100')),
      'the hub to verify the subscription',
    );
    assert.deepEqual([verification.status, verification.ok], [200, true]);
    const read = await publishAndRead(core, feedId, '100', 'Pushed as a whole page');
    assert.equal(read.status, 200);
    assert.ok(read.titles.includes('Pushed as a whole page'), read.titles.join(', '));
  }));

test('101 discovery by <link> tags in the head of an h-feed page; a hub link in the body does not count', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('101', {
      format: 'hfeed',
      entries: firstPost,
      linkHeader: null,
      documentLinks: `<link rel="hub" href="/hub"><link rel="self" href="${hub.topicUrl('101')}">`,
      bodyLinks: '<link rel="hub" href="https://planted.example/hub">',
    });
    const feedId = await addFeed(core, hub.topicUrl('101'));
    await requestFor(hub.topicUrl('101'));
    assert.equal((await delivery(core, feedId)).hubUrl, hub.hubUrl);
    assert.ok((await publishAndRead(core, feedId, '101', 'Found by its head')).titles.includes('Found by its head'));
  }));

test('102 discovery in an Atom feed, whose deliveries are labelled text/html', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('102', {
      format: 'atom',
      entries: firstPost,
      linkHeader: null,
      documentLinks: `<link rel="hub" href="${hub.hubUrl}"/><link rel="self" href="${hub.topicUrl('102')}"/>`,
    });
    const feedId = await addFeed(core, hub.topicUrl('102'));
    await requestFor(hub.topicUrl('102'));
    const read = await publishAndRead(core, feedId, '102', 'Atom said to be HTML');
    assert.equal(read.status, 200);
    assert.ok(read.titles.includes('Atom said to be HTML'));
  }));

test('103 discovery in an RSS feed (atom:link), whose deliveries are labelled text/html', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('103', {
      format: 'rss',
      entries: firstPost,
      linkHeader: null,
      documentLinks: `<atom:link rel="hub" href="${hub.hubUrl}"/><atom:link rel="self" href="${hub.topicUrl('103')}"/>`,
    });
    const feedId = await addFeed(core, hub.topicUrl('103'));
    await requestFor(hub.topicUrl('103'));
    assert.ok(
      (await publishAndRead(core, feedId, '103', 'RSS said to be HTML')).titles.includes('RSS said to be HTML'),
    );
  }));

test('104 discovery priority: the Link header hub wins over the one in the document', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('104', {
      format: 'hfeed',
      entries: firstPost,
      documentLinks: '<link rel="hub" href="https://wrong.example/hub"><link rel="self" href="/topics/wrong">',
    });
    const feedId = await addFeed(core, hub.topicUrl('104'));
    const request = await requestFor(hub.topicUrl('104'));
    assert.equal(request.path, '/hub');
    assert.equal((await delivery(core, feedId)).hubUrl, hub.hubUrl);
    assert.equal(
      hub.requests.some((r) => r.form.get('hub.topic')?.endsWith('/topics/wrong')),
      false,
    );
  }));

test('200 a page whose rel=self differs from its URL is subscribed by its self', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('200', {
      format: 'hfeed',
      entries: firstPost,
      linkHeader: `<${hub.hubUrl}>; rel="hub", <${hub.topicUrl('200-self')}>; rel="self"`,
    });
    hub.setTopic('200-self', { format: 'hfeed', entries: firstPost });
    const feedId = await addFeed(core, hub.topicUrl('200'));
    await requestFor(hub.topicUrl('200-self'));
    const read = await publishAndRead(core, feedId, '200-self', 'Published at the self');
    assert.equal(read.status, 200);
    assert.ok(read.titles.includes('Published at the self'));
  }));

for (const status of [302, 301] as const) {
  const name = `20${status === 302 ? 1 : 2}`;
  test(`${name} a topic behind a ${status} redirect is subscribed by the self of the page it ends at`, () =>
    withPushCore(async ({ core }) => {
      hub.setTopic(name, { redirect: { status, to: `${name}-target` } });
      hub.setTopic(`${name}-target`, { format: 'hfeed', entries: firstPost });
      const feedId = await addFeed(core, hub.topicUrl(name));
      await requestFor(hub.topicUrl(`${name}-target`));
      const feed = (await core.listFeeds({})).find((f) => f.id === feedId)!;
      // A temporary redirect keeps the address the user gave; a permanent one moves the feed.
      assert.equal(feed.feedUrl, status === 302 ? hub.topicUrl(name) : hub.topicUrl(`${name}-target`));
      const read = await publishAndRead(core, feedId, `${name}-target`, `After a ${status}`);
      assert.ok(read.titles.includes(`After a ${status}`));
    }));
}

for (const status of [307, 308] as const) {
  const name = `20${status === 307 ? 3 : 4}`;
  test(`${name} a hub that answers ${status} gets the same subscription request at its new address`, () =>
    withPushCore(async ({ core }) => {
      hub.setTopic(name, { format: 'hfeed', entries: firstPost });
      hub.queueAnswer({ status, headers: { location: hub.directHubUrl } });
      const feedId = await addFeed(core, hub.topicUrl(name));
      const [first, second] = await hub.waitFor(() => {
        const found = hub.requests.filter((r) => r.form.get('hub.topic') === hub.topicUrl(name));
        return found.length >= 2 && found;
      }, 'the request twice');
      assert.deepEqual([first!.path, first!.answeredWith, second!.path], ['/hub', status, '/hub/direct']);
      assert.equal(second!.form.toString(), first!.form.toString(), 'the very same request');
      await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
      // A permanent move is remembered: renewals go to the new address. The hub may verify
      // before its 308 answer is read, so push can be live a moment before the move is recorded.
      const expected = status === 308 ? hub.directHubUrl : hub.hubUrl;
      await hub.waitFor(async () => (await delivery(core, feedId)).hubUrl === expected, 'the hub address recorded');
      assert.equal((await delivery(core, feedId)).hubUrl, expected);
    }));
}

test('205 a verification naming another topic is refused with 404, and nothing goes live', () =>
  withPushCore(async ({ core }) => {
    hub.knobs.verifyTopic = hub.topicUrl('205-someone-else');
    hub.setTopic('205', { format: 'hfeed', entries: firstPost });
    const feedId = await addFeed(core, hub.topicUrl('205'));
    const verification = await hub.waitFor(
      () => hub.verifications.find((v) => v.topic === hub.topicUrl('205-someone-else')),
      'the hub to verify',
    );
    assert.deepEqual([verification.status, verification.ok], [404, false]);
    assert.equal(hub.subscriptions('205').length, 0);
    assert.notEqual((await delivery(core, feedId)).mode, 'push');
  }));

test('300 a signed delivery of an h-feed page is acknowledged with 2xx and its new post stored', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('300', { format: 'hfeed', entries: firstPost, hfeedIds: 'positional' });
    const feedId = await addFeed(core, hub.topicUrl('300'));
    const read = await publishAndRead(core, feedId, '300', 'Delivered and kept');
    assert.equal(read.status, 200);
    assert.ok(read.titles.includes('Delivered and kept'));
    assert.equal(hub.subscriptions('300').length, 1, 'still subscribed: the hub drops us on any non-2xx');
  }));

test('301 a delivery with a wrong signature is acknowledged with 2xx but not stored, and counted', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('301', { format: 'hfeed', entries: firstPost });
    const feedId = await addFeed(core, hub.topicUrl('301'));
    await hub.waitFor(() => hub.subscriptions('301')[0], 'subscribed');
    hub.knobs.signature = 'corrupt';
    const read = await publishAndRead(core, feedId, '301', 'Forged');
    assert.equal(read.status, 200);
    assert.deepEqual(read.titles, ['The first post']);
    assert.equal((await delivery(core, feedId)).rejectedSignatures, 1);
  }));

test('302 a delivery with no signature is refused with a non-2xx answer and not stored', () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('302', { format: 'hfeed', entries: firstPost });
    const feedId = await addFeed(core, hub.topicUrl('302'));
    await hub.waitFor(() => hub.subscriptions('302')[0], 'subscribed');
    hub.knobs.signature = 'none';
    const read = await publishAndRead(core, feedId, '302', 'Unsigned');
    assert.ok(read.status >= 400 && read.status < 500, `answered ${read.status}`);
    assert.deepEqual(read.titles, ['The first post']);
  }));
