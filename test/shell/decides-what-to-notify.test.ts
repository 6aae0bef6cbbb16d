import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ItemSummary, Settings } from '../../src/shared/api';
import { createNotificationGatherer, type PlannedNotification } from '../../src/shared/notification-plan';

const item = (id: number, feedId: number, read = false): ItemSummary => ({
  id,
  feedId,
  feedTitle: `Feed ${feedId}`,
  title: `Item ${id}`,
  link: null,
  author: null,
  publishedAt: 0,
  summary: '',
  read,
  starred: false,
});

/** The gatherer with a timer the test fires by hand. */
function gatherer(settings: Pick<Settings, 'notificationsEnabled' | 'notificationsMutedFeedIds'>) {
  const shown: PlannedNotification[] = [];
  let due: (() => void) | null = null;
  let looking = false;
  const g = createNotificationGatherer({
    settings: () => settings,
    isLooking: () => looking,
    show: (planned) => shown.push(planned),
    setTimer: (run, ms) => {
      assert.equal(ms, 1_500);
      due = run;
      return 1;
    },
    clearTimer: () => (due = null),
  });
  return {
    g,
    shown,
    fire: () => {
      const run = due;
      due = null;
      run?.();
    },
    pending: () => due !== null,
    look: (value: boolean) => (looking = value),
  };
}

const on = { notificationsEnabled: true, notificationsMutedFeedIds: [] as number[] };

test('items arriving within the gathering window are shown together: one each when few, one summary when many', () => {
  const t = gatherer(on);
  t.g.itemsAdded({ feedId: 1, items: [item(1, 1)] });
  t.g.itemsAdded({ feedId: 2, items: [item(2, 2)] });
  assert.equal(t.shown.length, 0, 'nothing before the window closes');
  t.fire();
  assert.deepEqual(
    t.shown.map((n) => [n.title, n.body, n.itemId]),
    [
      ['Feed 1', 'Item 1', 1],
      ['Feed 2', 'Item 2', 2],
    ],
  );
  t.g.itemsAdded({ feedId: 1, items: [3, 4, 5, 6].map((id) => item(id, 1)) });
  t.fire();
  assert.deepEqual(t.shown.slice(2), [
    { title: '4 new items', body: 'From Feed 1 (4)', itemId: null, tag: 'tidings-group' },
  ]);
});

test('muted feeds, notifications off, read items and items already shown make nothing', () => {
  const muted = gatherer({ notificationsEnabled: true, notificationsMutedFeedIds: [7] });
  muted.g.itemsAdded({ feedId: 7, items: [item(1, 7)] });
  assert.equal(muted.pending(), false);
  muted.g.itemsAdded({ feedId: 8, items: [item(2, 8, true), item(3, 8)] });
  muted.fire();
  assert.deepEqual(
    muted.shown.map((n) => n.itemId),
    [3],
  );
  muted.g.itemsAdded({ feedId: 8, items: [item(3, 8)] });
  assert.equal(muted.pending(), false, 'an item is never notified twice');

  const off = gatherer({ notificationsEnabled: false, notificationsMutedFeedIds: [] });
  off.g.itemsAdded({ feedId: 1, items: [item(1, 1)] });
  assert.equal(off.pending(), false);
});

test('nothing is shown while the user is looking at Tidings when the window closes, and stop drops what waits', () => {
  const t = gatherer(on);
  t.g.itemsAdded({ feedId: 1, items: [item(1, 1)] });
  t.look(true);
  t.fire();
  assert.equal(t.shown.length, 0);
  t.look(false);
  t.g.itemsAdded({ feedId: 1, items: [item(2, 1)] });
  t.g.stop();
  assert.equal(t.pending(), false);
  t.g.itemsAdded({ feedId: 1, items: [item(3, 1)] });
  t.fire();
  assert.deepEqual(
    t.shown.map((n) => n.itemId),
    [3],
  );
});
