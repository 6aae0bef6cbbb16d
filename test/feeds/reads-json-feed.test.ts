import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../src/main/core/feeds/parse-document';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'formats', name));

test('JSON Feed 1.1: title, site, self, WebSub hubs, favicon, items with authors, dates and attachments', async () => {
  const feed = await parseDocument({
    text: fixture('json-feed-1.1.json'),
    url: 'https://tides.example/feed.json',
    contentType: 'application/feed+json',
  });
  assert.equal(feed.format, 'json-feed');
  assert.equal(feed.title, 'Tide Tables');
  assert.equal(feed.siteUrl, 'https://tides.example/');
  assert.deepEqual(
    feed.links.filter((link) => link.rel !== 'alternate'),
    [
      { rel: 'self', href: 'https://tides.example/feed.json' },
      { rel: 'hub', href: 'https://hub.example/websub' },
    ],
  );
  assert.equal(feed.iconUrl, 'https://tides.example/favicon-64.png');
  assert.deepEqual(
    feed.items.map((item) => item.key),
    ['id:episode-12', 'id:13', 'id:odd'],
    'the item without an id is dropped, as the spec says; a numeric id counts',
  );
  const [episode, note, odd] = feed.items;
  assert.equal(episode!.title, 'Episode 12: Spring tides');
  assert.equal(episode!.link, 'https://tides.example/episodes/12');
  assert.equal(episode!.author, 'Ada Quay, Ben Pier');
  assert.equal(episode!.publishedAt, Date.parse('2026-11-20T07:00:00Z'));
  assert.equal(episode!.summary, 'The moon and the sea.');
  assert.equal(episode!.contentHtml, '<p>Listen <a href="https://tides.example/notes/12">with notes</a>.</p>');
  assert.equal(episode!.imageUrl, 'https://tides.example/art/12.jpg');
  assert.deepEqual(episode!.enclosures, [
    {
      url: 'https://cdn.tides.example/12.mp3',
      type: 'audio/mpeg',
      length: 31457280,
      title: 'Episode 12',
      durationSeconds: 1834,
    },
  ]);
  assert.equal(note!.link, 'https://elsewhere.example/article', 'external_url when there is no url');
  assert.equal(note!.author, 'Harbour Office', "the feed's authors when the item has none");
  assert.equal(note!.contentHtml, 'Plain text &lt;not markup&gt;<br />second line');
  assert.equal(note!.publishedAt, Date.parse('2026-11-21T10:00:00Z'));
  assert.equal(odd!.title, 'An odd title type costs only the title.');
});

test('JSON Feed 1.0: the single author, sniffed by its version URL whatever the Content-Type', async () => {
  const feed = await parseDocument({
    text: fixture('json-feed-1.0.json'),
    url: 'https://pier.example/f',
    contentType: 'text/plain',
  });
  assert.equal(feed.title, 'Old Pier');
  assert.equal(feed.items[0]!.author, 'Pier Master');
  assert.equal(feed.items[0]!.title, 'First.');
});

test('JSON that is not a JSON Feed is NOT_A_FEED; a broken JSON Feed is MALFORMED_FEED naming what is wrong', async () => {
  await assert.rejects(parseDocument({ text: '{"data": []}', url: 'https://api.example/' }), { code: 'NOT_A_FEED' });
  await assert.rejects(
    parseDocument({
      text: '{"version":"https://jsonfeed.org/version/1.1","title":"x","items":',
      url: 'https://a.example/',
    }),
    { code: 'MALFORMED_FEED' },
  );
  await assert.rejects(
    parseDocument({ text: '{"version":"https://jsonfeed.org/version/1.1","items":"none"}', url: 'https://a.example/' }),
    (error: Error & { code?: string }) => error.code === 'MALFORMED_FEED' && /"items"/.test(error.message),
  );
});

test('a field of the wrong type costs only that field: items keep the rest, the feed keeps its items', async () => {
  const feed = await parseDocument({
    text: fixture('json-feed-odd-types.json'),
    url: 'https://buoy.example/feed.json',
  });
  assert.equal(feed.title, 'Buoy readings');
  assert.equal(feed.siteUrl, null, 'a home_page_url that is a number is no link');
  assert.deepEqual(
    feed.items.map((item) => [item.key, item.title, item.author, item.link, item.publishedAt]),
    [
      ['id:r1', 'Swell 2 m Wind 12 kn', 'Buoy Nine', null, null],
      ['id:r2', 'Calm', 'Buoy Nine', null, null],
      ['id:r3', 'Only a summary', 'Mate Sol', null, null],
    ],
    'a title, url or date of the wrong type is absent; authors that are no list fall back to author',
  );
  assert.equal(feed.items[0]!.contentHtml, 'Swell 2 m<br />Wind 12 kn', 'content_text alone is the text, lines kept');
  assert.deepEqual(feed.items[1]!.enclosures, [
    { url: 'https://buoy.example/log/r2.csv', type: 'text/csv', length: null, title: null, durationSeconds: null },
  ]);
  assert.equal(feed.items[2]!.summary, 'Only a summary');
});

test('a JSON Feed without an items list is read for its title and hubs and says what is missing', async () => {
  const feed = await parseDocument({
    text: fixture('json-feed-without-items.json'),
    url: 'https://buoy.example/feed.json',
  });
  assert.equal(feed.title, 'Quiet buoy');
  assert.deepEqual(feed.items, []);
  assert.deepEqual(feed.problems, ['it has no "items" list']);
  assert.ok(feed.links.some((link) => link.rel === 'hub' && link.href === 'https://hub.example/'));
});
