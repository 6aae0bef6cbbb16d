import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer, send, type FixtureServer } from '../support/fixture-server';
import { startTestCore, type TestCore, withTestCore } from '../support/test-core';
import { rss } from '../support/feeds';
import type { ImportProgress } from '../../src/shared/api';
import type { Reader } from '../../src/main/core/reader';
import { AppError } from '../../src/main/core/app-error';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'opml', name));

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server.close());

const withCore = withTestCore;

/** Resolves with the job's last progress event (finished: true). */
function finished(core: Reader, jobId: string): Promise<ImportProgress> {
  return new Promise((resolve) => {
    const off = core.events.on('importProgress', (progress) => {
      if (progress.jobId === jobId && progress.finished) {
        off();
        resolve(progress);
      }
    });
  });
}

/** Feeds and their folder names, comparable across profiles. */
async function shape(core: Reader) {
  const folders = await core.listFolders({});
  const name = new Map(folders.map((f) => [f.id, f.name]));
  const feeds = await core.listFeeds({});
  return {
    folders: folders.map((f) => f.name).sort(),
    feeds: feeds
      .map((f) => ({
        url: f.feedUrl,
        title: f.title,
        site: f.siteUrl,
        folder: f.folderId ? name.get(f.folderId) : null,
      }))
      .sort((a, b) => a.url.localeCompare(b.url)),
  };
}

const esc = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function opmlFor(entries: { folder: string | null; path: string; title: string }[]): string {
  const outline = (e: { path: string; title: string }) =>
    `<outline type="rss" text="${esc(e.title)}" xmlUrl="${server.url(e.path)}" htmlUrl="https://example.org/"/>`;
  const folders = [...new Set(entries.flatMap((e) => (e.folder ? [e.folder] : [])))];
  return `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
${folders
  .map(
    (f) =>
      `<outline text="${esc(f)}">${entries
        .filter((e) => e.folder === f)
        .map(outline)
        .join('')}</outline>`,
  )
  .join('\n')}
${entries
  .filter((e) => !e.folder)
  .map(outline)
  .join('\n')}
</body></opml>`;
}

test('an import stores the list at once, fetches it in the background with progress, and lists failures with reasons', () =>
  withCore(async ({ core }) => {
    server.route(
      '/a.xml',
      send(
        rss('Feed A', [
          { id: 'a1', title: 'A one' },
          { id: 'a2', title: 'A two' },
        ]),
      ),
    );
    server.route('/b.xml', send(rss('Feed B', [{ id: 'b1', title: 'B one' }])));
    server.route('/html', send('<html><body>not a feed</body></html>', 'text/html'));
    const text = opmlFor([
      { folder: 'Work', path: '/a.xml', title: 'A (from the file)' },
      { folder: 'Work', path: '/b.xml', title: 'B' },
      { folder: null, path: '/missing.xml', title: 'Gone' },
      { folder: 'Play', path: '/html', title: 'A page' },
    ]);
    const events: ImportProgress[] = [];
    const off = core.events.on('importProgress', (p) => events.push(p));
    const result = await core.importOpml({ text });
    assert.equal(result.added, 4);
    assert.equal(result.skipped, 0);
    assert.equal(result.foldersCreated, 2);
    assert.ok(result.jobId);
    const done = finished(core, result.jobId);

    // Stored before any fetch: every feed is listed, in its folder, with the file's title.
    const stored = await shape(core);
    assert.deepEqual(stored.folders, ['Play', 'Work']);
    assert.equal(stored.feeds.length, 4);

    const last = await done;
    off();
    assert.equal(last.done, 4);
    assert.equal(last.total, 4);
    assert.deepEqual(last.failures.map((f) => f.title).sort(), ['A page', 'Gone']);
    assert.ok(
      last.failures.every((f) => f.reason.length > 10),
      'each failure says why',
    );
    assert.equal(events[0]!.done, 0, 'the bar appears at 0 of total at once');
    assert.ok(
      events.every((e, i) => i === 0 || e.done >= events[i - 1]!.done),
      'progress never goes back',
    );

    const work = (await core.listFolders({})).find((f) => f.name === 'Work')!;
    assert.equal(work.feedCount, 2);
    assert.equal(work.unreadCount, 3, 'the folder counts its feeds unread items once fetched');
    const page = await core.listItems({ folderId: work.id });
    assert.deepEqual(page.items.map((i) => i.title).sort(), ['A one', 'A two', 'B one']);
    const feedA = (await core.listFeeds({})).find((f) => f.feedUrl === server.url('/a.xml'))!;
    assert.equal(feedA.title, 'Feed A', "once fetched, the feed's own title replaces the file's");
  }));

test('feeds already followed and repeats in the file are skipped and counted; invalid outlines are listed', () =>
  withCore(async ({ core }) => {
    server.route('/dup.xml', send(rss('Dup', [{ id: 'd1', title: 'D' }])));
    await core.addFeed({ url: server.url('/dup.xml') });
    const text = `<opml version="1.0"><body>
      <outline text="Again" xmlUrl="${server.url('/dup.xml')}"/>
      <outline text="Twice"><outline text="T" xmlUrl="${server.url('/twice.xml')}"/></outline>
      <outline text="Twice elsewhere"><outline text="T2" xmlUrl="${server.url('/twice.xml')}"/></outline>
      <outline text="No address" type="rss"/>
    </body></opml>`;
    const result = await core.importOpml({ text });
    assert.equal(result.added, 1);
    assert.equal(result.skipped, 2);
    assert.deepEqual(result.invalid, [{ title: 'No address', reason: 'It has no feed address (xmlUrl).' }]);
    await finished(core, result.jobId!);
    const feeds = await core.listFeeds({});
    assert.equal(feeds.length, 2);
    const twice = feeds.find((f) => f.feedUrl === server.url('/twice.xml'))!;
    const folders = await core.listFolders({});
    assert.equal(
      folders.find((f) => f.id === twice.folderId)?.name,
      'Twice',
      'the first folder a feed appears in wins',
    );
  }));

test('export then import into an empty profile gives the same feeds in the same folders', async () => {
  server.route('/r1.xml', send(rss('Round &amp; One', [{ id: 'r1', title: 'x' }])));
  server.route('/r2.xml', send(rss('Round "Two"', [{ id: 'r2', title: 'y' }])));
  server.route('/r3.xml', send(rss('Round &lt;Three&gt;', [{ id: 'r3', title: 'z' }])));
  let exported = '';
  let before: Awaited<ReturnType<typeof shape>> | null = null;
  await withCore(async ({ core }) => {
    const source = opmlFor([
      { folder: 'Science / Space', path: '/r1.xml', title: 'One' },
      { folder: 'Ünïcode & Co', path: '/r2.xml', title: 'Two' },
      { folder: null, path: '/r3.xml', title: 'Three' },
    ]).replace('</body>', '<outline text="Empty folder"/></body>');
    const result = await core.importOpml({ text: source });
    await finished(core, result.jobId!);
    before = await shape(core);
    const out = await core.exportOpml({});
    assert.match(out.fileName, /^tidings-\d{4}-\d{2}-\d{2}\.opml$/);
    exported = out.text;
  });
  assert.match(exported, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<opml version="2\.0">/);
  assert.match(exported, /<dateCreated>[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT<\/dateCreated>/);
  assert.match(
    exported,
    /<outline type="rss" text="Round &amp; One" title="Round &amp; One" xmlUrl="[^"]+\/r1\.xml" htmlUrl="https:\/\/example\.org\/"\/>/,
  );
  assert.match(exported, /<outline text="Empty folder" title="Empty folder"\/>/);

  await withCore(async ({ core }) => {
    const result = await core.importOpml({ text: exported });
    assert.equal(result.added, 3);
    assert.equal(result.foldersCreated, 3);
    // Compare before any fetch: exactly what the file carried.
    assert.deepEqual(await shape(core), before);
    await finished(core, result.jobId!);
    assert.deepEqual(await shape(core), before);
  });
});

test("the fixtures in big readers' shapes import with their folders; a Latin-1 file sent as bytes keeps its accents", () =>
  withCore(async ({ core }) => {
    const feedly = await core.importOpml({ text: fixture('feedly-categories.opml').toString('utf8') });
    assert.equal(feedly.added, 3);
    assert.equal(feedly.skipped, 1);
    const latin = await core.importOpml({ base64: fixture('latin1-encoding.opml').toString('base64') });
    assert.equal(latin.added, 2);
    const names = (await core.listFolders({})).map((f) => f.name).sort();
    assert.deepEqual(names, ['Actualités françaises', 'Empty for now', 'News', 'Tech']);
  }));

test('a malformed, non-OPML or empty file imports nothing and says why', () =>
  withCore(async ({ core }) => {
    for (const name of ['malformed.opml', 'not-opml.xml', 'empty.opml', 'entity-expansion.opml']) {
      await assert.rejects(
        core.importOpml({ text: fixture(name).toString('utf8') }),
        (error: unknown) =>
          error instanceof AppError && error.code === 'INVALID_INPUT' && /Nothing was imported/.test(error.message),
        name,
      );
    }
    await assert.rejects(
      core.importOpml({
        text: '<opml version="2.0"><body><outline text="x" type="link" url="https://a.example/"/></body></opml>',
      }),
      /None of the 1 entries/,
    );
    assert.deepEqual(await core.listFeeds({}), []);
    assert.deepEqual(await core.listFolders({}), []);
  }));

test('a generated 2,000-feed file is stored in one go, and each feed gets its folder', () =>
  withCore(async ({ core }) => {
    const folders = 20;
    const lines: string[] = [];
    for (let f = 0; f < folders; f++) {
      lines.push(`<outline text="Folder ${f}" title="Folder ${f}">`);
      for (let i = 0; i < 2000 / folders; i++) {
        const n = f * 100 + i;
        // A closed port: each background fetch fails fast, so the job ends quickly.
        lines.push(
          `<outline type="rss" text="Feed ${n}" xmlUrl="http://127.0.0.1:9/feed-${n}.xml" htmlUrl="https://site${n}.example/"/>`,
        );
      }
      lines.push('</outline>');
    }
    const text = `<?xml version="1.0"?><opml version="2.0"><head><title>big</title></head><body>${lines.join('\n')}</body></opml>`;
    const result = await core.importOpml({ text });
    assert.equal(result.added, 2000);
    assert.equal(result.foldersCreated, 20);
    const feeds = await core.listFeeds({});
    assert.equal(feeds.length, 2000);
    const listed = await core.listFolders({});
    assert.ok(listed.every((f) => f.feedCount === 100));
    const last = await finished(core, result.jobId!);
    assert.equal(last.done, 2000);
    assert.equal(last.failures.length, 2000);
    const again = await core.importOpml({ text });
    assert.equal(again.added, 0);
    assert.equal(again.skipped, 2000);
    assert.equal(again.jobId, undefined);
  }));
