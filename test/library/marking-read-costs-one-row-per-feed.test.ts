import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { databaseFileName, startCore } from '../../src/main/core/start-core';
import { applyDelayMs } from '../../src/main/core/reading/apply-read-marks';
import { createManualClock, type ManualClock } from '../support/manual-clock';
import { makeTempDir } from '../support/temp-dir';
import { entriesOf, startFeedServer, type FeedServer } from './serve-feeds';
import type { Reader } from '../../src/main/core/reader';

/**
 * Marking a feed read writes its read mark; the items' own flags follow later
 * in the background. Whatever has followed so far, every answer is the same.
 */

interface Fixture {
  feeds: FeedServer;
  clock: ManualClock;
  dir: { path: string; remove(): void };
  start(): Promise<Reader>;
}

async function withFixture(fn: (f: Fixture) => Promise<void>): Promise<void> {
  const feeds = await startFeedServer();
  const clock = createManualClock(Date.UTC(2026, 10, 2));
  const dir = makeTempDir();
  const cores: Reader[] = [];
  const start = async () => {
    const core = await startCore({ dataDir: dir.path, version: 'test', clock, log: () => {}, noPush: true });
    cores.push(core);
    return core;
  };
  try {
    await fn({ feeds, clock, dir, start });
  } finally {
    for (const core of cores) await core.close().catch(() => {});
    await feeds.close();
    dir.remove();
  }
}

/** What the database holds underneath: items whose own flag still says unread, and marks waiting. */
function underneath(dataDir: string): { unreadFlags: number; pendingMarks: number } {
  const db = new Database(join(dataDir, databaseFileName), { readonly: true });
  try {
    const { n: unreadFlags } = db.prepare('SELECT count(*) AS n FROM items WHERE read = 0').get() as { n: number };
    const { n: pendingMarks } = db.prepare('SELECT count(*) AS n FROM feeds WHERE read_through > 0').get() as {
      n: number;
    };
    return { unreadFlags, pendingMarks };
  } finally {
    db.close();
  }
}

async function untilMarksApplied(f: Fixture): Promise<void> {
  await f.clock.advance(applyDelayMs);
  for (let i = 0; i < 500 && underneath(f.dir.path).pendingMarks > 0; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(underneath(f.dir.path).pendingMarks, 0, 'the items followed their marks');
}

async function readState(core: Reader, feedId: number) {
  const { items } = await core.listItems({ feedId, limit: 500 });
  return {
    count: (await core.listFeeds({})).find((feed) => feed.id === feedId)!.unreadCount,
    unreadListed: (await core.listItems({ feedId, unreadOnly: true, limit: 500 })).items.map((i) => i.id),
    unreadAcrossAll: (await core.listItems({ unreadOnly: true, limit: 500 })).items.filter((i) => i.feedId === feedId)
      .length,
    flags: Object.fromEntries(items.map((item) => [item.id, item.read])),
  };
}

test('a feed marked read reads as read at once, and the same once its items have followed', async () => {
  await withFixture(async (f) => {
    const core = await f.start();
    const tides = await f.feeds.follow(core, 'tides', entriesOf('tide', 40));
    const other = await f.feeds.follow(core, 'other', entriesOf('other', 5));
    const result = await core.markAllRead({ feedId: tides });
    assert.equal(result.changed, 40);

    const marked = await readState(core, tides);
    assert.equal(marked.count, 0);
    assert.deepEqual(marked.unreadListed, []);
    assert.equal(marked.unreadAcrossAll, 0);
    assert.ok(Object.values(marked.flags).every(Boolean), 'every item reads as read');
    const hit = (await core.search({ query: 'tide', feedId: tides })).items[0]!;
    assert.equal(hit.read, true, 'search reports the read state too');
    assert.equal((await core.getItem({ itemId: hit.id })).read, true);
    assert.deepEqual(underneath(f.dir.path), { unreadFlags: 45, pendingMarks: 1 }, 'only the mark was written');

    await untilMarksApplied(f);
    assert.deepEqual(await readState(core, tides), marked);
    assert.equal(underneath(f.dir.path).unreadFlags, 5, "the other feed's items were left alone");
    assert.equal((await core.listFeeds({})).find((feed) => feed.id === other)!.unreadCount, 5);
  });
});

test('items that arrive after the mark are unread; one item under the mark can be made unread alone', async () => {
  await withFixture(async (f) => {
    const core = await f.start();
    const tides = await f.feeds.follow(core, 'tides', entriesOf('tide', 20));
    await core.markAllRead({ feedId: tides });

    f.feeds.publish('tides', entriesOf('tide', 22, Date.UTC(2026, 10, 1, 2)));
    assert.equal((await core.refreshFeed({ feedId: tides })).added, 2);
    const state = await readState(core, tides);
    assert.equal(state.count, 2);
    assert.equal(state.unreadListed.length, 2);

    const { items } = await core.listItems({ feedId: tides, limit: 500 });
    const old = items.find((item) => item.title === 'tide item 10')!;
    assert.equal(old.read, true);
    assert.equal((await core.setRead({ itemIds: [old.id], read: false })).changed, 1);
    const after = await readState(core, tides);
    assert.equal(after.count, 3);
    assert.deepEqual(new Set(after.unreadListed), new Set([...state.unreadListed, old.id]));
    assert.equal(Object.values(after.flags).filter((read) => !read).length, 3, 'the rest stay read');

    await core.setRead({ itemIds: [old.id], read: true });
    assert.equal((await readState(core, tides)).count, 2);
  });
});

test('undo puts back exactly the items that were unread, before or after they followed the mark', async () => {
  await withFixture(async (f) => {
    const core = await f.start();
    const tides = await f.feeds.follow(core, 'tides', entriesOf('tide', 30));
    const winds = await f.feeds.follow(core, 'winds', entriesOf('wind', 10));
    const first = (await core.listItems({ feedId: tides, limit: 3 })).items.map((item) => item.id);
    await core.setRead({ itemIds: first, read: true });
    const before = await readState(core, tides);
    assert.equal(before.count, 27);

    // Undone while only the mark is written.
    const early = await core.markAllRead({ feedId: tides });
    assert.equal((await core.undoMarkAllRead({ token: early.undoToken! })).changed, 27);
    assert.deepEqual(await readState(core, tides), before);

    // Undone after the items followed.
    const late = await core.markAllRead({ all: true });
    await untilMarksApplied(f);
    assert.equal(underneath(f.dir.path).unreadFlags, 0);
    assert.equal((await core.undoMarkAllRead({ token: late.undoToken! })).changed, 37);
    assert.deepEqual(await readState(core, tides), before);
    assert.equal((await readState(core, winds)).count, 10);
  });
});

test('a mark left by a run that stopped still reads as read after a restart, and its items follow then', async () => {
  await withFixture(async (f) => {
    const first = await f.start();
    const tides = await f.feeds.follow(first, 'tides', entriesOf('tide', 15));
    await first.markAllRead({ feedId: tides });
    await first.close();
    assert.equal(underneath(f.dir.path).pendingMarks, 1);

    const second = await f.start();
    const state = await readState(second, tides);
    assert.equal(state.count, 0);
    assert.ok(Object.values(state.flags).every(Boolean));
    await untilMarksApplied(f);
    assert.deepEqual(await readState(second, tides), state);

    // Removing a feed under a mark leaves the other counts right.
    await f.feeds.follow(second, 'winds', entriesOf('wind', 3));
    f.feeds.publish('tides', entriesOf('tide', 17, Date.UTC(2026, 10, 1, 2)));
    await second.refreshFeed({ feedId: tides });
    assert.equal((await second.markAllRead({ feedId: tides })).changed, 2);
    await second.removeFeed({ feedId: tides });
    assert.equal((await second.getStatus({})).unreadCount, 3);
  });
});
