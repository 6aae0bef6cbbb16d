import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type ParsedFeed } from '../../src/main/core/feeds/parse-document';

const url = 'http://doc.example/dir/feed.xml';
const quirk = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'formats', 'quirks', name));
const read = (name: string, headers?: Record<string, string>): Promise<ParsedFeed> =>
  parseDocument({ text: quirk(name), url, headers });

test('<rss> without a version attribute is read as RSS', async () => {
  const feed = await read('rss-without-version.xml');
  assert.equal(feed.title, 'No version here');
  assert.equal(feed.items[0]!.title, 'Still an item');
});

test('RSS and RDF without a <channel> are read from their root', async () => {
  const rss = await read('rss-without-channel.xml');
  assert.equal(rss.title, 'Channel-less');
  assert.equal(rss.siteUrl, 'http://nochannel.example/');
  assert.equal(rss.items[0]!.link, 'http://nochannel.example/loose');
  const rdf = await read('rdf-without-channel.rdf');
  assert.equal(rdf.format, 'rdf');
  assert.equal(rdf.items[0]!.title, 'RDF item alone');
  assert.equal(rdf.items[0]!.link, 'http://rdf.example/a', 'rdf:about when there is no <link>');
});

test('CDF, the channel format before RSS: HREF links, ABSTRACT texts and LASTMOD dates', async () => {
  const feed = await read('cdf-channel.cdf');
  assert.equal(feed.title, 'Lighthouse log');
  assert.equal(feed.siteUrl, 'http://lighthouse.example/');
  const [lamp] = feed.items;
  assert.equal(lamp!.title, 'Lamp lit at dusk');
  assert.equal(lamp!.link, 'http://doc.example/log/lamp');
  assert.equal(lamp!.key, 'link:http://doc.example/log/lamp');
  assert.equal(lamp!.publishedAt, Date.parse('2026-11-21T06:15:00Z'));
  assert.equal(lamp!.summary, 'The new lens throws twice as far.');
  assert.equal(lamp!.contentHtml, 'The new <b>lens</b> throws twice as far.');
});

test('a truncated feed keeps every entry it could read and says what was wrong', async () => {
  const feed = await read('truncated.xml');
  assert.deepEqual(
    feed.items.map((item) => item.title),
    ['Whole entry', 'Half an ent'],
  );
  assert.deepEqual(feed.problems, ['it ends before </feed>']);
  const cut = await read('truncated-before-guid.xml');
  assert.deepEqual(
    cut.items.map((item) => item.title),
    ['Whole post'],
    'an entry cut off before its guid would be keyed by its link now and by its guid when whole: it waits',
  );
  assert.match(cut.problems.join('; '), /cut off before its id/);
});

test('titles holding child markup (Atom xhtml, inline elements) become text, never an object or a crash', async () => {
  const feed = await read('title-with-markup.xml');
  assert.equal(feed.title, 'Tides and times');
  assert.equal(feed.items[0]!.title, 'The lamp & the keeper');
  assert.equal(feed.items[0]!.contentHtml, '<p>Relit at <strong>dusk</strong>.</p>');
  assert.equal(feed.items[1]!.title, 'Inline markup in an untyped title');
});

test('plain-text fields lose all markup (applet, object, embed…); summaries never hold script or style source', async () => {
  const feed = await read('markup-in-plain-fields.xml');
  assert.equal(feed.title, 'Plain fields');
  const [item] = feed.items;
  assert.equal(item!.title, 'safe title');
  assert.equal(item!.author, 'Keeper Jo');
  assert.equal(item!.summary, 'Only this shows.');
  assert.equal(item!.contentHtml, '<p>Only this shows.</p>');
});

test('content found in xhtml:body, body, fullitem, dc:description and media:group', async () => {
  const feed = await read('content-elsewhere.xml');
  assert.deepEqual(
    feed.items.map((item) => item.contentHtml),
    [
      '<p>In <b>xhtml:body</b>.</p>',
      '<p>In a plain <i>body</i>.</p>',
      '<p>In <em>fullitem</em>.</p>',
      'In dc:description.',
      'In a media:group.',
    ],
  );
});

test('Atom 0.3: mode="base64" decoded, escaped titles, issued/dcterms/created dates', async () => {
  const feed = await read('atom03.xml');
  assert.equal(feed.title, 'Atom 0.3');
  assert.equal(feed.siteUrl, 'http://atom03.example/');
  const [base64, dcterms, created] = feed.items;
  assert.equal(base64!.contentHtml, '<p><a href="http://doc.example/relative">Decoded</a></p>');
  assert.equal(base64!.publishedAt, Date.parse('2004-01-02T03:04:05Z'));
  assert.equal(dcterms!.publishedAt, Date.parse('2004-02-03T09:05:06Z'));
  assert.equal(created!.publishedAt, Date.parse('2004-03-01T00:00:00Z'));
});

test('nested xml:base resolves links, icons and every URL in item HTML (href, src, srcset, poster), XHTML included', async () => {
  const feed = await read('xml-base.xml');
  assert.equal(feed.siteUrl, 'http://base.example/');
  assert.equal(feed.iconUrl, 'http://base.example/feeds/icon.png');
  const [html, xhtml] = feed.items;
  assert.equal(html!.link, 'http://base.example/archive/2026/post.html');
  assert.equal(
    html!.contentHtml,
    '<p><img src="http://base.example/archive/2026/images/a.png" ' +
      'srcset="http://base.example/archive/2026/images/a.png 1x, http://base.example/archive/2026/images/a@2x.png 2x" /> ' +
      '<a href="http://base.example/archive/2026/other.html">other</a> ' +
      '<video poster="http://base.example/archive/2026/images/p.jpg" src="http://base.example/archive/2026/images/v.mp4"></video></p>',
  );
  assert.equal(
    xhtml!.contentHtml,
    '<p><a href="http://elsewhere.example/x/deeper/page.html">deep</a></p><a href="http://elsewhere.example/x/top.html">top</a>',
  );
});

test('without xml:base, item HTML resolves against Content-Location, else the feed URL, though the item has no link', async () => {
  const plain = await read('no-base.xml');
  assert.equal(plain.items[0]!.link, null);
  assert.equal(
    plain.items[0]!.contentHtml,
    '<img src="http://doc.example/dir/pics/boat.jpg" srcset="http://doc.example/dir/pics/boat-2x.jpg 2x" />' +
      '<a href="http://doc.example/dir/about.html">about</a>',
  );
  const moved = await read('no-base.xml', { 'content-location': 'http://cdn.example/mirror/' });
  assert.match(moved.items[0]!.contentHtml, /src="http:\/\/cdn\.example\/mirror\/pics\/boat\.jpg"/);
  assert.equal(moved.siteUrl, 'http://cdn.example/');
});

test('a permalink guid is the link when there is none; dc:author, dcterms:creator, several creators, iTunes author', async () => {
  const feed = await read('guid-and-authors.xml');
  assert.deepEqual(
    feed.items.map((item) => [item.link, item.author]),
    [
      ['https://guid.example/posts/1', 'Dee Author'],
      [null, 'Terms Creator'],
      [null, 'Ann, Bob'],
      [null, 'Pod Host'],
      [null, 'Cat Writer'],
    ],
  );
});

test('ISO-8859-1 is decoded as Windows-1252, as browsers do: curly quotes, dashes and the euro survive', async () => {
  const feed = await read('windows-1252-as-latin1.xml');
  assert.equal(feed.title, '“Quoted” – café');
  assert.equal(feed.items[0]!.title, 'It’s € 5');
});

test('UTF-16 and UTF-32 without a byte-order mark are recognised by their zero bytes', async () => {
  for (const name of ['utf-16le-no-bom.xml', 'utf-16be-no-bom.xml', 'utf-32le-no-bom.xml', 'utf-32be-no-bom.xml']) {
    const feed = await read(name);
    assert.equal(feed.title, 'Wide été 海', name);
    assert.equal(feed.items[0]!.title, '☺', name);
  }
});

test('entries with no id and no link that share their text stay apart', async () => {
  const feed = await read('same-text-entries.xml');
  assert.equal(feed.items.length, 4);
  assert.equal(new Set(feed.items.map((item) => item.key)).size, 4);
});

test('DTD entities are never expanded: billion laughs and external entities stay inert text', async () => {
  const feed = await read('entities-inert.xml');
  assert.equal(feed.title, 'Laughs &lol3; and &xxe; & été ’');
  assert.equal(feed.items[0]!.title, '&xxe;');
});

test('iTunes tags under the namespace URI of Apple’s first podcast documentation are iTunes tags', async () => {
  const feed = await read('old-itunes-namespace.xml');
  assert.equal(feed.iconUrl, 'http://forecast.example/cover.jpg');
  const [episode] = feed.items;
  assert.equal(episode!.author, 'The Met Office');
  assert.equal(episode!.summary, 'Southwest 5 to 7.');
  assert.equal(episode!.enclosures[0]!.durationSeconds, 270);
});
