import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EntrySpec } from '../support/feeds';
import { entriesOf, useFeedsAndCore } from './serve-feeds';

const fixture = useFeedsAndCore();

async function pageThrough(
  arg: { feedId?: number; unreadOnly?: boolean; starredOnly?: boolean },
  between: (page: number) => Promise<void>,
): Promise<number[]> {
  const seen: number[] = [];
  let before: string | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await fixture.t.core.listItems({ ...arg, limit: 7, ...(before ? { before } : {}) });
    seen.push(...result.items.map((i) => i.id));
    if (!result.nextBefore) return seen;
    before = result.nextBefore;
    await between(page);
  }
  throw new Error('paging never ended');
}

test('paging newest-first returns every item exactly once while new items arrive between pages', async () => {
  // Several items share one instant, so the id must break ties in the cursor.
  const sameInstant = '2026-10-15T12:00:00.000Z';
  const base: EntrySpec[] = [
    ...entriesOf('tide', 40),
    ...Array.from({ length: 9 }, (_, i) => ({ id: `tie-${i}`, title: `Tie ${i}`, published: sameInstant })),
  ];
  const feedId = await fixture.feeds.follow(fixture.t.core, 'tides', base);
  const other = await fixture.feeds.follow(fixture.t.core, 'winds', entriesOf('wind', 12, Date.UTC(2026, 9, 20)));
  const initial = (await fixture.t.core.listItems({ limit: 500 })).items.map((i) => i.id);
  assert.equal(initial.length, 61);

  let published = base;
  const arrived: string[] = [];
  const seen = await pageThrough({}, async (page) => {
    // New items (newer than everything) arrive in both feeds while the user scrolls.
    const fresh = {
      id: `fresh-${page}`,
      title: `Fresh ${page}`,
      published: new Date(Date.UTC(2026, 11, 1) + page).toISOString(),
    };
    published = [fresh, ...published];
    arrived.push(fresh.id);
    fixture.feeds.publish('tides', published);
    await fixture.t.core.refreshFeed({ feedId });
  });
  assert.ok(arrived.length >= 8, 'items really arrived between pages');

  assert.equal(new Set(seen).size, seen.length, 'no item twice');
  assert.deepEqual(
    [...seen].sort((a, b) => a - b),
    [...initial].sort((a, b) => a - b),
    'every item that was there',
  );
  // And the order is the list's own: newest first.
  assert.deepEqual(seen, initial);
  assert.ok(other > 0);
});

test('the same holds for one feed, for unread only and for starred only', async () => {
  const [first] = await fixture.t.core.listFeeds({});
  const everything = (await fixture.t.core.listItems({ feedId: first!.id, limit: 500 })).items;
  const seenFeed = await pageThrough({ feedId: first!.id }, async () => {});
  assert.deepEqual(
    seenFeed,
    everything.map((i) => i.id),
  );

  const toRead = everything.filter((_, index) => index % 3 === 0).map((i) => i.id);
  await fixture.t.core.setRead({ itemIds: toRead, read: true });
  const unread = await pageThrough({ unreadOnly: true }, async () => {});
  assert.equal(new Set(unread).size, unread.length);
  assert.ok(unread.every((id) => !toRead.includes(id)));
  assert.equal(unread.length, (await fixture.t.core.listItems({ unreadOnly: true, limit: 500 })).items.length);

  const toStar = everything.filter((_, index) => index % 4 === 1).map((i) => i.id);
  await fixture.t.core.setStarred({ itemIds: toStar, starred: true });
  const starred = await pageThrough({ starredOnly: true }, async () => {});
  assert.deepEqual(
    starred,
    everything.filter((i) => toStar.includes(i.id)).map((i) => i.id),
  );
});
