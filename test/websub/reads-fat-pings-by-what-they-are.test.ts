import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startTestHub, defaultKnobs, type TestHub, type TopicFormat } from '../support/test-hub';
import type { TestCore } from '../support/test-core';
import { atom, rss } from '../support/feeds';
import { hfeed, jsonFeed } from '../support/topic-documents';
import { addFeed, delivery, peekDb, withPushCore } from './push-core';

let hub: TestHub;
before(async () => {
  hub = await startTestHub({ payload: 'diff' });
});
after(() => hub.close());
beforeEach(() => Object.assign(hub.knobs, defaultKnobs()));

const titles = async (core: TestCore['core'], feedId: number) =>
  (await core.listItems({ feedId })).items.map((i) => i.title).sort();

async function liveFeed(core: TestCore['core'], name: string, format: TopicFormat) {
  hub.setTopic(name, { format, entries: [{ id: `${name}-0`, title: 'Already there' }] });
  const feedId = await addFeed(core, hub.topicUrl(name));
  await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
  const subscription = await hub.waitFor(() => hub.subscriptions(name)[0], 'subscribed at the hub');
  return { feedId, subscription };
}

const bodies: Record<TopicFormat, (title: string) => string> = {
  atom: (title) => atom('A', [{ id: 'new', title }]),
  rss: (title) => rss('R', [{ id: 'new', title }]),
  hfeed: (title) => hfeed('H', [{ id: 'new', title }]),
  json: (title) => jsonFeed('J', [{ id: 'new', title }]),
};

// What hubs really put on deliveries: the topic's own type, websub.rocks's text/html for all,
// a generic type, a wrong one, and none.
const labels = ['text/html; charset=utf-8', 'application/octet-stream', 'application/atom+xml', 'text/plain', ''];

for (const format of ['hfeed', 'atom', 'rss', 'json'] as const) {
  test(`a fat ping of a ${format} topic is read from its body whatever its Content-Type says, without fetching the topic`, () =>
    withPushCore(async ({ core }) => {
      const name = `fat-${format}`;
      const { feedId, subscription } = await liveFeed(core, name, format);
      const fetches = hub.topicFetches.filter((n) => n === name).length;
      const expected = ['Already there'];
      for (const [index, label] of labels.entries()) {
        const title = `Delivered as ${label || 'nothing'} (${index})`;
        const body = bodies[format](title).replace('"new"', `"new-${index}"`).replace('>new<', `>new-${index}<`);
        assert.equal(await hub.deliver(subscription, body, label), 200);
        expected.push(title);
      }
      await core.push.settle();
      assert.deepEqual(await titles(core, feedId), expected.sort());
      assert.equal(hub.topicFetches.filter((n) => n === name).length, fetches, 'no fetch: every ping was read');
    }));
}

test('only a body with nothing readable in it (a thin ping) makes Tidings fetch the topic', () =>
  withPushCore(async ({ core, dataDir }) => {
    const name = 'thin-kinds';
    const { feedId, subscription } = await liveFeed(core, name, 'hfeed');
    const thin = [
      '',
      'updated',
      '<!doctype html><html><head><title>Changed</title></head><body><p>No entries here.</p></body></html>',
      '{"changed": true}',
      '<?xml version="1.0"?><ping/>',
    ];
    for (const [index, body] of thin.entries()) {
      hub.setTopic(name, { entries: [{ id: `fetched-${index}`, title: `Fetched after thin ping ${index}` }] });
      const fetches = hub.topicFetches.filter((n) => n === name).length;
      assert.equal(await hub.deliver(subscription, body, 'text/html'), 200);
      await hub.waitFor(
        () => hub.topicFetches.filter((n) => n === name).length > fetches,
        `a fetch after thin ${index}`,
      );
      await hub.waitFor(
        async () => (await titles(core, feedId)).includes(`Fetched after thin ping ${index}`),
        `the item fetched after thin ping ${index}`,
      );
    }
    await core.push.settle();
    const db = peekDb(dataDir);
    const left = db.prepare('SELECT count(*) AS n FROM websub_inbox').get() as { n: number };
    db.close();
    assert.equal(left.n, 0, 'nothing left in the inbox');
    assert.equal((await delivery(core, feedId)).resubscribes, 0, 'a fetch a thin ping asked for proves nothing');
  }));

test("a JSON Feed's WebSub hub is found in its hubs, and its feed_url is the topic", () =>
  withPushCore(async ({ core }) => {
    hub.setTopic('json-hubs', {
      format: 'json',
      linkHeader: null,
      // Another kind of hub first: only the WebSub one counts.
      jsonHubs: [{ type: 'rssCloud', url: 'https://cloud.example/rpc' }, hub.hubUrl],
      jsonFeedUrl: hub.topicUrl('json-canonical'),
      entries: [{ id: 'j0', title: 'Already there' }],
    });
    hub.setTopic('json-canonical', { format: 'json', entries: [{ id: 'j0', title: 'Already there' }] });
    const feedId = await addFeed(core, hub.topicUrl('json-hubs'));
    const request = await hub.waitFor(
      () => hub.requests.find((r) => r.form.get('hub.topic') === hub.topicUrl('json-canonical')),
      'a subscription with feed_url as topic',
    );
    assert.equal(request.path, '/hub');
    await hub.waitFor(() => core.push.isPushLive(feedId), 'push live');
    await hub.waitFor(() => hub.subscriptions('json-canonical')[0], 'subscribed at the hub');
    const [answer] = await hub.publish('json-canonical', [{ id: 'j1', title: 'Pushed as JSON' }]);
    assert.equal(answer!.status, 200);
    await core.push.settle();
    assert.deepEqual(await titles(core, feedId), ['Already there', 'Pushed as JSON']);
  }));
