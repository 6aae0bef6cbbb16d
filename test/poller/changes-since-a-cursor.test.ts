import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, send } from '../support/fixture-server';
import { startTestCore } from '../support/test-core';
import { rss } from '../support/feeds';

test('changesSince: new items, changed and removed feeds since a cursor that only grows', async () => {
  const server = await startFixtureServer({ '/feed.xml': send(rss('Changing', [{ id: 'a', title: 'First' }])) });
  const t = await startTestCore();
  try {
    const start = await t.core.changesSince({});
    assert.equal(start.reset, true, 'no cursor: the caller loads everything');
    const quiet = await t.core.changesSince({ cursor: start.cursor });
    assert.deepEqual(quiet, { cursor: start.cursor, reset: false, feeds: [], removedFeedIds: [], items: [] });

    const added = await t.core.addFeed({ url: server.url('/feed.xml') });
    assert.ok('feed' in added);
    const afterAdd = await t.core.changesSince({ cursor: start.cursor });
    assert.equal(afterAdd.reset, false);
    assert.ok(afterAdd.cursor > start.cursor);
    assert.deepEqual(
      afterAdd.feeds.map((f) => f.title),
      ['Changing'],
    );
    assert.deepEqual(
      afterAdd.items.map((i) => i.title),
      ['First'],
    );

    // A poll that finds nothing new logs nothing.
    await t.core.refreshFeed({ feedId: added.feed.id });
    assert.equal((await t.core.changesSince({ cursor: afterAdd.cursor })).cursor, afterAdd.cursor);

    server.route(
      '/feed.xml',
      send(
        rss('Changing', [
          { id: 'b', title: 'Second' },
          { id: 'a', title: 'First' },
        ]),
      ),
    );
    await t.core.refreshFeed({ feedId: added.feed.id });
    const afterPoll = await t.core.changesSince({ cursor: afterAdd.cursor });
    assert.deepEqual(
      afterPoll.items.map((i) => i.title),
      ['Second'],
    );
    assert.equal(afterPoll.feeds[0]!.unreadCount, 2);

    await t.core.setRead({ itemIds: afterPoll.items.map((i) => i.id), read: true });
    const afterRead = await t.core.changesSince({ cursor: afterPoll.cursor });
    assert.equal(afterRead.feeds[0]!.unreadCount, 1);
    assert.deepEqual(afterRead.items, []);

    await t.core.removeFeed({ feedId: added.feed.id });
    const afterRemove = await t.core.changesSince({ cursor: afterRead.cursor });
    assert.deepEqual(afterRemove.removedFeedIds, [added.feed.id]);
    assert.deepEqual(afterRemove.feeds, []);

    const future = await t.core.changesSince({ cursor: afterRemove.cursor + 1000 });
    assert.equal(future.reset, true, 'a cursor from another profile is not trusted');
  } finally {
    await t.close();
    await server.close();
  }
});
