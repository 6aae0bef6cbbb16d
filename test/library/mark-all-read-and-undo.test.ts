import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Feed } from '../../src/shared/api';
import { startTestCore, type TestCore } from '../support/test-core';
import { entriesOf, startFeedServer, type FeedServer } from './serve-feeds';

let feeds: FeedServer;
let t: TestCore;
let tides: number;
let winds: number;
beforeEach(async () => {
  feeds = await startFeedServer();
  t = await startTestCore();
  tides = await feeds.follow(t.core, 'tides', entriesOf('tide', 25));
  winds = await feeds.follow(t.core, 'winds', entriesOf('wind', 10));
});
afterEach(async () => {
  await t.close();
  await feeds.close();
});

const unread = async () =>
  Object.fromEntries((await t.core.listFeeds({})).map((f) => [f.id, f.unreadCount])) as Record<number, number>;

test('marking one feed read reads all of its items, announces its new count, and leaves other feeds alone', async () => {
  const [one] = (await t.core.listItems({ feedId: tides, limit: 1 })).items;
  await t.core.setRead({ itemIds: [one!.id], read: true });
  const announced: Feed[] = [];
  const off = t.core.events.on('feedChanged', ({ feed }) => feed && announced.push(feed));
  const result = await t.core.markAllRead({ feedId: tides });
  off();
  assert.equal(result.changed, 24);
  assert.ok(result.undoToken);
  assert.deepEqual(await unread(), { [tides]: 0, [winds]: 10 });
  assert.deepEqual(
    announced.map((f) => [f.id, f.unreadCount]),
    [[tides, 0]],
  );
  assert.equal((await t.core.listItems({ feedId: tides, unreadOnly: true })).items.length, 0);
  assert.equal((await t.core.getStatus({})).unreadCount, 10);
});

test('undo makes exactly those items unread again, once', async () => {
  const [alreadyRead] = (await t.core.listItems({ feedId: tides, limit: 1 })).items;
  await t.core.setRead({ itemIds: [alreadyRead!.id], read: true });
  const { undoToken } = await t.core.markAllRead({ feedId: tides });

  const announced: number[] = [];
  const off = t.core.events.on('feedChanged', ({ feed }) => feed && announced.push(feed.unreadCount));
  const undone = await t.core.undoMarkAllRead({ token: undoToken! });
  off();
  assert.equal(undone.changed, 24);
  assert.deepEqual(announced, [24]);
  // The item read before stays read: undo restores the state before, not "all unread".
  assert.deepEqual(await unread(), { [tides]: 24, [winds]: 10 });
  assert.equal((await t.core.getItem({ itemId: alreadyRead!.id })).read, true);

  await assert.rejects(t.core.undoMarkAllRead({ token: undoToken! }), { code: 'NOT_FOUND' });
  await assert.rejects(t.core.undoMarkAllRead({ token: 'made-up' }), { code: 'NOT_FOUND' });
});

test('marking everything read covers every feed, and undo gives every feed its count back', async () => {
  const announced = new Set<number>();
  const off = t.core.events.on('feedChanged', ({ feedId }) => announced.add(feedId));
  const result = await t.core.markAllRead({ all: true });
  off();
  assert.equal(result.changed, 35);
  assert.deepEqual(announced, new Set([tides, winds]));
  assert.deepEqual(await unread(), { [tides]: 0, [winds]: 0 });

  const again = await t.core.markAllRead({ all: true });
  assert.deepEqual(again, { changed: 0, undoToken: null }, 'nothing left to mark');

  await t.core.undoMarkAllRead({ token: result.undoToken! });
  assert.deepEqual(await unread(), { [tides]: 25, [winds]: 10 });
  await assert.rejects(t.core.markAllRead({ feedId: 999_999 }), { code: 'NOT_FOUND' });
});

test('marking a folder read touches only the feeds in it', async () => {
  const folder = await t.core.createFolder({ name: 'Coast' });
  await t.core.moveFeed({ feedId: winds, folderId: folder.id });
  const result = await t.core.markAllRead({ folderId: folder.id });
  assert.equal(result.changed, 10);
  assert.deepEqual(await unread(), { [tides]: 25, [winds]: 0 });
});

test('starring: starred items show in the starred view, newest first, until unstarred', async () => {
  const items = (await t.core.listItems({ limit: 500 })).items;
  const picks = [items[5]!, items[1]!, items[30]!];
  assert.deepEqual(await t.core.setStarred({ itemIds: picks.map((i) => i.id), starred: true }), { changed: 3 });
  assert.deepEqual(await t.core.setStarred({ itemIds: [picks[0]!.id], starred: true }), { changed: 0 });

  const starred = (await t.core.listItems({ starredOnly: true })).items;
  assert.deepEqual(
    starred.map((i) => i.id),
    [items[1]!.id, items[5]!.id, items[30]!.id],
  );
  assert.ok(starred.every((i) => i.starred));
  assert.equal((await t.core.getItem({ itemId: items[5]!.id })).starred, true);
  assert.deepEqual(
    (await t.core.listItems({ starredOnly: true, feedId: winds })).items.map((i) => i.id),
    [items[30]!.id].filter((id) => items.find((i) => i.id === id)!.feedId === winds),
  );

  await t.core.setStarred({ itemIds: [items[1]!.id], starred: false });
  assert.deepEqual(
    (await t.core.listItems({ starredOnly: true })).items.map((i) => i.id),
    [items[5]!.id, items[30]!.id],
  );
});
