import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestCore, type TestCore } from '../support/test-core';
import { entriesOf, startFeedServer, type FeedServer } from './serve-feeds';

/**
 * Each keystroke is a search: the half-typed last word finds every word it
 * begins, whether it is one letter, two or three (served by prefix indexes), or
 * longer (served by the words it begins); and a feed or folder scope keeps
 * exactly its items, however many feeds there are.
 */

let feeds: FeedServer;
let t: TestCore;
const ids: Record<string, number> = {};

// Titles chosen so each prefix length has a known answer.
const titles: Record<string, string> = {
  hat: 'A hat blew into the harbour',
  harvest: 'Harvest festival on the green',
  harbour: 'Harbour wall repaired',
  harbours: 'Two harbours compared',
  h: 'Plan H for the ferry',
  hymn: 'Hymn sung at the quay',
  ha: 'Ha ha, said the gull',
  other: 'Nothing to see here',
  apostrophe: "The keeper's lamp",
};

before(async () => {
  feeds = await startFeedServer();
  t = await startTestCore();
  for (const [name, title] of Object.entries(titles)) {
    ids[name] = await feeds.follow(t.core, name, [{ id: name, title, published: '2026-11-20T08:00:00Z' }]);
  }
  // Enough other feeds that a folder of two is a small share of the library.
  for (let n = 0; n < 12; n++) await feeds.follow(t.core, `filler-${n}`, entriesOf(`filler${n}`, 2));
});
after(async () => {
  await t.close();
  await feeds.close();
});

const found = async (query: string, scope: { feedId?: number; folderId?: number } = {}) =>
  new Set((await t.core.search({ query, ...scope })).items.map((item) => item.feedId));
const feedsNamed = (...names: string[]) => new Set(names.map((name) => ids[name]!));

test('one, two and three letters find every word they begin, and the word itself', async () => {
  assert.deepEqual(await found('h'), feedsNamed('hat', 'harvest', 'harbour', 'harbours', 'h', 'hymn', 'ha', 'other'));
  assert.deepEqual(await found('ha'), feedsNamed('hat', 'harvest', 'harbour', 'harbours', 'ha'));
  assert.deepEqual(await found('HAR'), feedsNamed('hat', 'harvest', 'harbour', 'harbours'));
  assert.deepEqual(await found('hy'), feedsNamed('hymn'));
  assert.deepEqual(await found('x'), new Set());
});

test('four letters and more find the words they begin; a finished word only itself', async () => {
  assert.deepEqual(await found('harb'), feedsNamed('hat', 'harbour', 'harbours'));
  assert.deepEqual(await found('harbours'), feedsNamed('harbours'));
  assert.deepEqual(await found('harbour '), feedsNamed('hat', 'harbour'));
  assert.deepEqual(await found('harvey'), new Set());
  assert.deepEqual(await found('wall harb'), feedsNamed('harbour'));
  assert.deepEqual(await found("keeper's"), feedsNamed('apostrophe'));
  assert.deepEqual(await found("keeper's la"), feedsNamed('apostrophe'));
});

test('a feed or a folder scope keeps exactly its items, for a small folder and for one holding most feeds', async () => {
  assert.deepEqual(await found('har', { feedId: ids.harvest! }), feedsNamed('harvest'));
  assert.deepEqual(await found('h', { feedId: ids.other! }), feedsNamed('other'));

  const small = await t.core.createFolder({ name: 'Harbours' });
  for (const name of ['harbour', 'harbours']) await t.core.moveFeed({ feedId: ids[name]!, folderId: small.id });
  assert.deepEqual(await found('har', { folderId: small.id }), feedsNamed('harbour', 'harbours'));
  assert.deepEqual(await found('harvest', { folderId: small.id }), new Set());

  const big = await t.core.createFolder({ name: 'Most' });
  const all = await t.core.listFeeds({});
  const most = all.filter((feed) => feed.folderId === null && feed.id !== ids.hat);
  for (const feed of most) await t.core.moveFeed({ feedId: feed.id, folderId: big.id });
  assert.deepEqual(await found('har', { folderId: big.id }), feedsNamed('harvest'));
  assert.deepEqual(await found('blew', { folderId: big.id }), new Set());

  const empty = await t.core.createFolder({ name: 'Empty' });
  assert.deepEqual(await found('har', { folderId: empty.id }), new Set());
});
