import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, send, type FixtureServer } from '../support/fixture-server';
import { startTestCore, type TestCore, withTestCore } from '../support/test-core';
import { rss } from '../support/feeds';
import type { Folder } from '../../src/shared/api';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer({
    '/one.xml': send(
      rss('One', [
        { id: '1a', title: 'One A' },
        { id: '1b', title: 'One B' },
      ]),
    ),
    '/two.xml': send(rss('Two', [{ id: '2a', title: 'Two A' }])),
    '/three.xml': send(rss('Three', [{ id: '3a', title: 'Three A' }])),
  });
});
after(() => server.close());

const withCore = withTestCore;

async function addFeed(core: TestCore['core'], path: string): Promise<number> {
  const result = await core.addFeed({ url: server.url(path) });
  assert.ok('feed' in result);
  return result.feed.id;
}

test('folders: create, move feeds in (counts follow), view a folder, rename, delete (feeds move out, none vanish)', () =>
  withCore(async ({ core }) => {
    const one = await addFeed(core, '/one.xml');
    const two = await addFeed(core, '/two.xml');
    const three = await addFeed(core, '/three.xml');
    const announced: Folder[][] = [];
    const off = core.events.on('foldersChanged', ({ folders }) => announced.push(folders));

    const news = await core.createFolder({ name: '  News ' });
    assert.equal(news.name, 'News', 'names are trimmed');
    assert.deepEqual({ feeds: news.feedCount, unread: news.unreadCount }, { feeds: 0, unread: 0 });
    await assert.rejects(core.createFolder({ name: 'news' }), { code: 'ALREADY_EXISTS' });

    const moved = await core.moveFeed({ feedId: one, folderId: news.id });
    assert.equal(moved.folderId, news.id);
    await core.moveFeed({ feedId: two, folderId: news.id });
    let [folder] = await core.listFolders({});
    assert.deepEqual({ feeds: folder!.feedCount, unread: folder!.unreadCount }, { feeds: 2, unread: 3 });
    assert.equal(announced.at(-1)![0]!.unreadCount, 3, 'foldersChanged carries the new counts');

    const page = await core.listItems({ folderId: news.id });
    assert.deepEqual(page.items.map((i) => i.title).sort(), ['One A', 'One B', 'Two A']);
    const unread = await core.listItems({ folderId: news.id, unreadOnly: true });
    await core.setRead({ itemIds: [unread.items[0]!.id], read: true });
    [folder] = await core.listFolders({});
    assert.equal(folder!.unreadCount, 2, 'reading an item lowers its folder count');
    assert.equal((await core.listItems({ folderId: news.id, unreadOnly: true })).items.length, 2);
    assert.equal((await core.listItems({})).items.length, 4, '"all items" still shows every feed');

    const renamed = await core.renameFolder({ folderId: news.id, name: 'Daily news' });
    assert.equal(renamed.name, 'Daily news');
    assert.equal(renamed.feedCount, 2);
    const other = await core.createFolder({ name: 'Other' });
    await assert.rejects(core.renameFolder({ folderId: other.id, name: 'DAILY NEWS' }), { code: 'ALREADY_EXISTS' });

    // Move between folders, then out of any folder.
    await core.moveFeed({ feedId: two, folderId: other.id });
    await core.moveFeed({ feedId: three, folderId: other.id });
    await core.moveFeed({ feedId: three, folderId: null });
    const byName = Object.fromEntries((await core.listFolders({})).map((f) => [f.name, f.feedCount]));
    assert.deepEqual(byName, { 'Daily news': 1, Other: 1 });

    const feedEvents: number[] = [];
    const offFeeds = core.events.on('feedChanged', ({ feedId, feed }) => {
      if (feed && feed.folderId === null) feedEvents.push(feedId);
    });
    const deleted = await core.deleteFolder({ folderId: news.id });
    offFeeds();
    assert.deepEqual(deleted, { deleted: true, feedsMoved: 1 });
    assert.deepEqual(feedEvents, [one], 'each feed that moved out is announced');
    const feeds = await core.listFeeds({});
    assert.equal(feeds.length, 3, 'deleting a folder never removes a feed');
    assert.equal(feeds.find((f) => f.id === one)!.folderId, null);
    assert.equal((await core.listItems({})).items.length, 4, 'nor any item');
    assert.deepEqual(
      (await core.listFolders({})).map((f) => f.name),
      ['Other'],
    );
    off();
    assert.ok(announced.length >= 8);
  }));

test('moving to a folder that does not exist, or a feed that does not, is refused with a sentence', () =>
  withCore(async ({ core }) => {
    const one = await addFeed(core, '/one.xml');
    await assert.rejects(core.moveFeed({ feedId: one, folderId: 999 }), {
      code: 'NOT_FOUND',
      message: 'That folder no longer exists.',
    });
    const folder = await core.createFolder({ name: 'X' });
    await assert.rejects(core.moveFeed({ feedId: 999, folderId: folder.id }), { code: 'NOT_FOUND' });
    await assert.rejects(core.deleteFolder({ folderId: 999 }), { code: 'NOT_FOUND' });
    await assert.rejects(core.renameFolder({ folderId: 999, name: 'Y' }), { code: 'NOT_FOUND' });
  }));

test('removing a feed leaves its folder, with a lower count', () =>
  withCore(async ({ core }) => {
    const one = await addFeed(core, '/one.xml');
    const folder = await core.createFolder({ name: 'Keep me' });
    await core.moveFeed({ feedId: one, folderId: folder.id });
    await core.removeFeed({ feedId: one });
    assert.deepEqual(await core.listFolders({}), [{ id: folder.id, name: 'Keep me', feedCount: 0, unreadCount: 0 }]);
  }));
