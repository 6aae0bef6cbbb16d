import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planNotifications } from '../../src/shared/notification-plan';
import type { ItemSummary } from '../../src/shared/api';

const item = (id: number, feedTitle: string): ItemSummary => ({
  id,
  feedId: feedTitle.length,
  feedTitle,
  title: `Item ${id}`,
  link: null,
  author: null,
  publishedAt: 0,
  summary: '',
  read: false,
  starred: false,
});

test('a few new items get a notification each, opening that item', () => {
  const planned = planNotifications([item(1, 'Tides'), item(2, 'Harbour')]);
  assert.deepEqual(
    planned.map((p) => [p.title, p.body, p.itemId]),
    [
      ['Tides', 'Item 1', 1],
      ['Harbour', 'Item 2', 2],
    ],
  );
});

test('many at once make one grouped notification naming the busiest feeds', () => {
  const items = [
    ...[1, 2, 3].map((id) => item(id, 'Tides')),
    ...[4, 5].map((id) => item(id, 'Harbour')),
    item(6, 'Ferries'),
    item(7, 'Weather'),
  ];
  const [group, ...rest] = planNotifications(items);
  assert.equal(rest.length, 0);
  assert.equal(group!.title, '7 new items');
  assert.equal(group!.body, 'From Tides (3), Harbour (2), Ferries (1) and 1 more feed');
  assert.equal(group!.itemId, null);
  assert.deepEqual(planNotifications([]), []);
});
