import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../src/main/core/feeds/parse-document';

const page = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'formats', 'h-feed-page.html'), 'utf8');

test('an h-feed page is a feed: entries, names, urls, uids, dates, authors, content, photo and audio', async () => {
  const feed = await parseDocument({ text: page, url: 'https://quay.example/notes', contentType: 'text/html' });
  assert.equal(feed.format, 'h-feed');
  assert.equal(feed.title, 'Quay Notes');
  assert.equal(feed.siteUrl, 'https://quay.example/notes');
  const [horn, note] = feed.items;
  assert.equal(horn!.key, 'link:https://quay.example/notes/fog-horn');
  assert.equal(horn!.title, 'Fog horn tested');
  assert.equal(horn!.author, 'Ada Quay', "the h-feed's author");
  assert.equal(horn!.publishedAt, Date.parse('2026-11-21T09:30:00Z'));
  assert.equal(
    horn!.contentHtml,
    '<p>The horn is <b>loud</b>. <img src="https://quay.example/horn.jpg" alt="horn" /></p>',
  );
  assert.equal(horn!.imageUrl, 'https://quay.example/img/horn-thumb.jpg');
  assert.equal(note!.key, 'id:tag:quay.example,2026:note-7');
  assert.equal(note!.title, 'A note without a title: the tide is late.', 'a name that repeats the content is no title');
  assert.deepEqual(
    note!.enclosures.map((e) => [e.url, e.type]),
    [['https://quay.example/audio/tide.mp3', 'audio/mpeg']],
  );
});

test("an h-feed page's hub and self come from its <head> only", async () => {
  const feed = await parseDocument({ text: page, url: 'https://quay.example/notes' });
  assert.deepEqual(
    feed.links.filter((link) => link.rel !== 'alternate'),
    [
      { rel: 'hub', href: 'https://hub.example/' },
      { rel: 'self', href: 'https://quay.example/notes' },
    ],
  );
});

test('a web page without h-entries is NOT_A_FEED', async () => {
  await assert.rejects(
    parseDocument({ text: '<!doctype html><title>Home</title><p class="h-card">Me</p>', url: 'https://me.example/' }),
    { code: 'NOT_A_FEED' },
  );
});

test('an h-entry is keyed by its uid, else its url, but never by a value that names no single post', async () => {
  const entry = (inner: string) => `<article class="h-entry">${inner}</article>`;
  const html = `<!doctype html><title>Keys</title><div class="h-feed">
    ${entry('<p class="p-name">Uid wins</p><data class="u-uid" value="urn:post:1"></data><a class="u-url" href="/p/1">1</a>')}
    ${entry('<p class="p-name">Positional uid, real url</p><a class="u-uid" href="#entry-1"></a><a class="u-url" href="/p/2">2</a>')}
    ${entry('<p class="p-name">Links to the page itself</p><a class="u-url" href="/keys">here</a>')}
    ${entry('<p class="p-name">So does this one</p><a class="u-url" href="/keys">here</a>')}
    ${entry('<p class="p-name">Shares a uid</p><data class="u-uid" value="same"></data>')}
    ${entry('<p class="p-name">Shares it too</p><data class="u-uid" value="same"></data>')}
  </div>`;
  const feed = await parseDocument({ text: html, url: 'https://keys.example/keys' });
  const keys = feed.items.map((item) => item.key);
  assert.equal(keys[0], 'id:urn:post:1');
  assert.equal(keys[1], 'link:https://keys.example/p/2', 'a fragment of the page is a position, so the url is the key');
  for (const key of keys.slice(2)) assert.match(key, /^hash:/, 'a value several entries share names none of them');
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(feed.items[2]!.link, 'https://keys.example/keys');
});

test('a page past the parsers’ bounds is read up to them and says so; paragraphs and list items left open count as closed', async () => {
  const entry = (i: number) =>
    `<article class="h-entry"><p class="p-name">Post ${i}<p>more<ul><li>a<li>b</ul></article>`;
  const loose = `<!doctype html><title>Loose</title>${Array.from({ length: 1_500 }, (_, i) => entry(i)).join('')}`;
  const whole = await parseDocument({ text: loose, url: 'https://loose.example/' });
  assert.equal(whole.items.length, 1_500, 'thousands of open <p> and <li> are no depth');
  assert.deepEqual(whole.problems, []);

  const deep = `<!doctype html>${entry(0)}${'<div>'.repeat(2_000)}${entry(1)}`;
  const cutDeep = await parseDocument({ text: deep, url: 'https://deep.example/' });
  assert.deepEqual(
    cutDeep.items.map((item) => item.title),
    ['Post 0'],
  );
  assert.deepEqual(cutDeep.problems, ['it nests elements more than 1,000 deep; the rest of the page was not read']);

  const crowded = `<!doctype html>${Array.from({ length: 3_500 }, (_, i) => `<div class="h-entry"><a class="u-url p-name" href="/p/${i}">${i}</a></div>`).join('')}`;
  const cutCrowded = await parseDocument({ text: crowded, url: 'https://crowded.example/' });
  assert.equal(cutCrowded.items.length, 3_334, 'three class names each: cut inside the entry that passes 10,000');
  assert.match(cutCrowded.problems[0]!, /more than 10,000 microformats class names/);
});

test('the first h-feed that holds entries is the feed, not an empty one before it', async () => {
  const feed = await parseDocument({
    text: readFileSync(join(import.meta.dirname, '..', 'fixtures', 'formats', 'h-feed-after-an-empty-one.html')),
    url: 'https://keeper.example/log/',
    contentType: 'text/html',
  });
  assert.equal(feed.title, 'Lamp room');
  const [entry] = feed.items;
  assert.equal(entry!.title, 'Oil delivered');
  assert.equal(entry!.link, 'https://keeper.example/log/oil');
  assert.equal(entry!.author, 'Keeper Rhee', 'the h-feed author stands for its entries');
  assert.equal(
    entry!.contentHtml,
    '<p>Forty litres, <img src="https://keeper.example/log/drum.jpg" alt="a drum" /> stored below.</p>',
  );
});
