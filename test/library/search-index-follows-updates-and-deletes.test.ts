import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDb } from '../../src/main/core/db/open-db';
import { useFeedsAndCore } from './serve-feeds';

const fixture = useFeedsAndCore();

const titles = async (query: string) => (await fixture.t.core.search({ query })).items.map((i) => i.title);

/** FTS5's own check that the index matches the items table, row for row. */
function indexIsConsistent(): void {
  const db = openDb(join(fixture.t.dataDir, 'tidings.sqlite'));
  try {
    db.prepare("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)").run();
  } finally {
    db.close();
  }
}

test('an item whose text changes in a re-fetch is found by its new words, no longer by its old ones', async () => {
  const feedId = await fixture.feeds.follow(fixture.t.core, 'editions', [
    { id: 'e1', title: 'Regatta postponed', published: '2026-11-20T08:00:00Z', content: '<p>Because of fog.</p>' },
    { id: 'e2', title: 'Market day', published: '2026-11-19T08:00:00Z', content: '<p>Apples and pears.</p>' },
  ]);
  assert.deepEqual(await titles('fog'), ['Regatta postponed']);

  fixture.feeds.publish('editions', [
    { id: 'e1', title: 'Regatta cancelled', published: '2026-11-20T08:00:00Z', content: '<p>Because of gales.</p>' },
    { id: 'e2', title: 'Market day', published: '2026-11-19T08:00:00Z', content: '<p>Apples and pears.</p>' },
  ]);
  // Reading it first: the read state must survive the text change, and the index must not care.
  const [edited] = (await fixture.t.core.search({ query: 'regatta' })).items;
  await fixture.t.core.setRead({ itemIds: [edited!.id], read: true });
  await fixture.t.core.refreshFeed({ feedId });

  assert.deepEqual(await titles('fog'), []);
  assert.deepEqual(await titles('postponed'), []);
  assert.deepEqual(await titles('gales'), ['Regatta cancelled']);
  assert.deepEqual(await titles('cancelled'), ['Regatta cancelled']);
  const [after] = (await fixture.t.core.search({ query: 'gales' })).items;
  assert.equal(after!.id, edited!.id, 'the same item, updated in place');
  assert.equal(after!.read, true);
  indexIsConsistent();
});

test('starring and reading never disturb the index; removing a feed removes its items from search', async () => {
  const feedId = await fixture.feeds.follow(fixture.t.core, 'doomed', [
    { id: 'd1', title: 'Shipwreck found', published: '2026-11-18T08:00:00Z', content: '<p>Under the sand.</p>' },
  ]);
  const [hit] = (await fixture.t.core.search({ query: 'shipwreck' })).items;
  await fixture.t.core.setStarred({ itemIds: [hit!.id], starred: true });
  await fixture.t.core.setRead({ itemIds: [hit!.id], read: true });
  assert.deepEqual(await titles('sand'), ['Shipwreck found']);
  indexIsConsistent();

  await fixture.t.core.removeFeed({ feedId });
  assert.deepEqual(await titles('shipwreck'), []);
  assert.deepEqual(await titles('sand'), []);
  // Other feeds' items are still found.
  assert.deepEqual(await titles('apples'), ['Market day']);
  indexIsConsistent();
});
