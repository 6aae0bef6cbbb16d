import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../src/main/core/clock';
import { openDb } from '../../src/main/core/db/open-db';
import { createRetention } from '../../src/main/core/retention/retention';
import { startCore } from '../../src/main/core/start-core';
import type { Reader } from '../../src/main/core/reader';
import { makeTempDir } from '../support/temp-dir';
import { entriesOf, startFeedServer, type FeedServer } from './serve-feeds';

const day = 24 * 60 * 60_000;

/** Real time plus an offset a test moves forward. */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    setTimeout: systemClock.setTimeout,
    advance: (ms) => void (offset += ms),
  };
}

let feeds: FeedServer;
let dir: ReturnType<typeof makeTempDir>;
let clock: ReturnType<typeof movableClock>;
let core: Reader;
let feedId: number;
let ids: number[];

const open = () => startCore({ dataDir: dir.path, version: 'test', clock, log: () => {} });

beforeEach(async () => {
  feeds = await startFeedServer();
  dir = makeTempDir();
  clock = movableClock();
  core = await open();
  feedId = await feeds.follow(core, 'tides', entriesOf('tide', 20));
  ids = (await core.listItems({ feedId })).items.map((i) => i.id);
  await core.setRead({ itemIds: ids.slice(0, 10), read: true });
  // Starred: two read items and one unread one.
  await core.setStarred({ itemIds: [ids[0]!, ids[1]!, ids[15]!], starred: true });
});
afterEach(async () => {
  await core.close();
  await feeds.close();
  dir.remove();
});

test('the keep-read setting deletes old read items only: starred and unread ones stay, and a re-fetch does not bring them back', async () => {
  clock.advance(40 * day);
  await core.updateSettings({ keepReadDays: 30 });
  await core.close(); // waits for the cleanup the setting started
  core = await open();

  const left = (await core.listItems({ feedId })).items.map((i) => i.id);
  assert.deepEqual(left, [ids[0]!, ids[1]!, ...ids.slice(10)]);
  assert.equal((await core.listItems({ starredOnly: true })).items.length, 3);
  assert.equal((await core.listFeeds({}))[0]!.unreadCount, 10);
  assert.deepEqual((await core.search({ query: 'tide item 5' })).items, [], 'pruned items leave the search index');

  // The feed still lists all twenty: the pruned ten must not return as unread.
  assert.equal(await (await core.refreshFeed({ feedId })).added, 0);
  assert.equal((await core.listItems({ feedId })).items.length, 12);
  assert.equal((await core.listFeeds({}))[0]!.unreadCount, 10);
});

test('nothing is deleted with the default setting, nor before items are old enough', async () => {
  assert.equal((await core.getSettings({})).keepReadDays, null);
  const db = openDb(join(dir.path, 'tidings.sqlite'));
  try {
    clock.advance(400 * day);
    const keepAll = createRetention({ db, clock, log: () => {}, keepReadDays: () => null });
    assert.equal(await keepAll.runNow(), 0);
    // Items are judged by their date and by when Tidings first saw them: seen 400 days ago, kept for 500.
    const keepLong = createRetention({ db, clock, log: () => {}, keepReadDays: () => 500 });
    assert.equal(await keepLong.runNow(), 0);
  } finally {
    db.close();
  }
  assert.equal((await core.listItems({ feedId })).items.length, 20);
});

test('cleanup works in small transactions and lets other calls run between them', async () => {
  const db = openDb(join(dir.path, 'tidings.sqlite'));
  try {
    clock.advance(40 * day);
    const between: number[] = [];
    const retention = createRetention({
      db,
      clock,
      log: () => {},
      keepReadDays: () => 30,
      batchSize: 3,
      // A UI call between two batches sees a consistent library and is answered.
      yieldBetweenBatches: async () => {
        between.push((await core.listItems({ feedId })).items.length);
      },
    });
    assert.equal(await retention.runNow(), 8);
    assert.deepEqual(between, [17, 14]);
  } finally {
    db.close();
  }
  assert.equal((await core.listItems({ feedId })).items.length, 12);
});
