import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { highlightEnd as E, highlightStart as S } from '../../src/shared/api';
import { startTestCore, type TestCore } from '../support/test-core';
import { entriesOf, startFeedServer, type FeedServer } from './serve-feeds';

let feeds: FeedServer;
let t: TestCore;
let harbour: number;
let weather: number;

before(async () => {
  feeds = await startFeedServer();
  t = await startTestCore();
  harbour = await feeds.follow(t.core, 'harbour', [
    {
      id: 'h1',
      title: 'Ferry timetable for the winter',
      published: '2026-11-20T08:00:00Z',
      content: '<p>The <b>lighthouse</b> keeper says the ferry leaves at noon.</p>',
    },
    {
      id: 'h2',
      title: 'Lighthouse reopens after repairs',
      published: '2026-11-19T08:00:00Z',
      content: '<p>Visitors can climb again.</p>',
    },
    {
      id: 'h3',
      title: 'Café opens by the quay',
      published: '2026-11-18T08:00:00Z',
      content: '<p>Fish &amp; chips, and a view of the <a href="https://example.org/boats">boats</a>.</p>',
    },
  ]);
  weather = await feeds.follow(t.core, 'weather', [
    {
      id: 'w1',
      title: 'Gales expected near the lighthouse',
      published: '2026-11-21T08:00:00Z',
      content: '<p>Stay off the pier.</p>',
    },
  ]);
  // Ranking needs a corpus where the searched word is rare, as in a real library.
  await feeds.follow(t.core, 'filler', entriesOf('Filler', 30));
});
after(async () => {
  await t.close();
  await feeds.close();
});

test('search finds items by any of their words, ranking title matches above content matches', async () => {
  const { items } = await t.core.search({ query: 'lighthouse' });
  assert.equal(items.length, 3);
  // The content-only match (h1) comes after both title matches, whatever the dates.
  assert.equal(items.at(-1)!.title, 'Ferry timetable for the winter');
  assert.deepEqual(
    new Set(items.slice(0, 2).map((i) => i.title)),
    new Set(['Lighthouse reopens after repairs', 'Gales expected near the lighthouse']),
  );
});

test('matches are marked in the title and in a plain-text snippet of the content', async () => {
  const { items } = await t.core.search({ query: 'lighthouse' });
  const titled = items.find((i) => i.title === 'Lighthouse reopens after repairs')!;
  assert.equal(titled.titleHighlighted, `${S}Lighthouse${E} reopens after repairs`);
  const inContent = items.find((i) => i.title === 'Ferry timetable for the winter')!;
  assert.equal(inContent.titleHighlighted, 'Ferry timetable for the winter');
  assert.match(inContent.snippet, new RegExp(`The ${S}lighthouse${E} keeper says`));
  assert.doesNotMatch(inContent.snippet, /<|>/, 'no markup survives in a snippet');

  const { items: cafe } = await t.core.search({ query: 'chips' });
  assert.equal(cafe.length, 1);
  assert.match(cafe[0]!.snippet, new RegExp(`Fish & ${S}chips${E}, and a view of the boats\\.`));
});

test('accents, case and a half-typed last word still match; every word must match', async () => {
  assert.deepEqual(
    (await t.core.search({ query: 'CAFE' })).items.map((i) => i.title),
    ['Café opens by the quay'],
  );
  assert.equal((await t.core.search({ query: 'lightho' })).items.length, 3, 'prefix of the word being typed');
  assert.equal((await t.core.search({ query: 'lightho ' })).items.length, 0, 'a finished word is a whole word');
  assert.deepEqual(
    (await t.core.search({ query: 'lighthouse gales' })).items.map((i) => i.title),
    ['Gales expected near the lighthouse'],
  );
});

test('search within one feed, and input that looks like query syntax is only text', async () => {
  const inHarbour = await t.core.search({ query: 'lighthouse', feedId: harbour });
  assert.deepEqual(new Set(inHarbour.items.map((i) => i.feedId)), new Set([harbour]));
  assert.equal(inHarbour.items.length, 2);
  assert.equal((await t.core.search({ query: 'lighthouse', feedId: weather })).items.length, 1);

  for (const query of ['"', 'AND', 'NEAR(lighthouse', 'title:ferry OR', '*', '   ', '-lighthouse']) {
    const { items } = await t.core.search({ query });
    assert.ok(Array.isArray(items), `query ${JSON.stringify(query)} answered`);
  }
  assert.equal((await t.core.search({ query: 'timetable:ferry' })).items.length, 1, 'the colon is not a column filter');
  assert.equal((await t.core.search({ query: '' })).items.length, 0);
});

test('search within one folder covers the feeds in it and nothing else', async () => {
  const folder = await t.core.createFolder({ name: 'Weather' });
  await t.core.moveFeed({ feedId: weather, folderId: folder.id });
  const inFolder = await t.core.search({ query: 'lighthouse', folderId: folder.id });
  assert.deepEqual(
    inFolder.items.map((i) => i.title),
    ['Gales expected near the lighthouse'],
  );
  await assert.rejects(t.core.search({ query: 'lighthouse', feedId: harbour, folderId: folder.id }), {
    code: 'INVALID_INPUT',
  });
});

test('search respects a limit and reports results with their read and starred state', async () => {
  const { items } = await t.core.search({ query: 'lighthouse', limit: 1 });
  assert.equal(items.length, 1);
  await t.core.setStarred({ itemIds: [items[0]!.id], starred: true });
  const again = await t.core.search({ query: 'lighthouse', limit: 1 });
  assert.equal(again.items[0]!.starred, true);
});
