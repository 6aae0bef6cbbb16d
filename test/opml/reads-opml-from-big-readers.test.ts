import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOpml } from '../../src/main/core/opml/parse-opml';
import { decodeOpmlBytes } from '../../src/main/core/opml/decode-opml-bytes';
import { AppError } from '../../src/main/core/app-error';

const bytes = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'opml', name));
const text = (name: string) => bytes(name).toString('utf8');

test('a flat NetNewsWire list gives every feed, outside any folder, with its site and title', () => {
  const parsed = parseOpml(text('flat-netnewswire.opml'));
  assert.equal(parsed.title, 'Subscriptions-OnMyMac.opml');
  assert.deepEqual(parsed.folders, []);
  assert.deepEqual(parsed.invalid, []);
  assert.deepEqual(parsed.feeds[2], {
    url: 'https://feedpress.me/sixcolors',
    title: 'Six Colors',
    siteUrl: 'https://sixcolors.com/',
    folder: null,
  });
  assert.equal(parsed.feeds.length, 3);
});

test('Feedly categories become folders; an empty category is kept as an empty folder', () => {
  const parsed = parseOpml(text('feedly-categories.opml'));
  assert.deepEqual(parsed.folders, ['Tech', 'News', 'Empty for now']);
  assert.deepEqual(
    parsed.feeds.map((f) => [f.title, f.folder]),
    [
      ['Ars Technica', 'Tech'],
      ['The Verge', 'Tech'],
      ['BBC News', 'News'],
      // The parser lists the repeat; the import skips it (first folder wins) and counts it.
      ['Ars Technica', 'News'],
    ],
  );
});

test('deeper nesting becomes a path-like folder name, and the category attribute places loose feeds', () => {
  const parsed = parseOpml(text('inoreader-nested-and-category.opml'));
  const folderOf = Object.fromEntries(parsed.feeds.map((f) => [f.title, f.folder]));
  assert.equal(folderOf['NASA Breaking News'], 'Science / Space');
  assert.equal(folderOf['Nature'], 'Science');
  assert.equal(folderOf['Hacker News'], 'Tech / Aggregators', 'the first of several categories wins');
  assert.equal(folderOf['LWN'], 'Linux');
  assert.ok(
    parsed.feeds.some((f) => f.url === 'http://lwn.net/headlines/rss'),
    'feed:// means http://',
  );
  assert.deepEqual(parsed.folders, ['Science', 'Science / Space', 'Tech / Aggregators', 'Linux']);
  assert.deepEqual(parsed.invalid.map((i) => i.title).sort(), ['A bookmark', 'Bad scheme', 'My blog']);
  assert.match(parsed.invalid.find((i) => i.title === 'A bookmark')!.reason, /"link" outline, not a feed/);
  assert.match(parsed.invalid.find((i) => i.title === 'My blog')!.reason, /no feed address/);
  assert.match(parsed.invalid.find((i) => i.title === 'Bad scheme')!.reason, /not a web address/);
});

test('missing titles stay null (the import names them by host); unnamed outlines pass their feeds up', () => {
  const parsed = parseOpml(text('missing-titles-and-duplicates.opml'));
  assert.deepEqual(
    parsed.feeds.map((f) => [f.url, f.title, f.folder]),
    [
      ['https://untitled.example.com/feed.xml', null, null],
      ['https://blank.example.com/rss', null, null],
      ['https://text.example.com/atom.xml', 'Only text', null],
      ['https://text.example.com/atom.xml', 'Same feed again', null],
      ['https://text.example.com/atom.xml', 'Same feed with a fragment', null],
      ['https://inside.example.com/rss', 'Inside an unnamed outline', null],
    ],
  );
  assert.deepEqual(parsed.folders, []);
  assert.deepEqual(parsed.invalid, []);
});

test('HTML entities in titles are decoded, double-escaped ones too, and URLs keep their query', () => {
  const parsed = parseOpml(text('html-entities.opml'));
  assert.deepEqual(parsed.folders, ['Food & Drink']);
  assert.deepEqual(
    parsed.feeds.map((f) => f.title),
    ["Ben & Jerry's <News>", 'Café ☕ été', `"Quoted" 'blog'`],
  );
  assert.equal(parsed.feeds[0]!.url, 'https://icecream.example.com/feed?a=1&b=2');
});

test('an ISO-8859-1 file sent as bytes is decoded by its own encoding declaration', () => {
  const raw = bytes('latin1-encoding.opml');
  const parsed = parseOpml(decodeOpmlBytes(raw.toString('base64')));
  assert.deepEqual(parsed.folders, ['Actualités françaises']);
  assert.deepEqual(
    parsed.feeds.map((f) => f.title),
    ['Le Monde à la une', 'Zürcher Zeitung'],
  );
  // Read naively as UTF-8, the same bytes would have broken the accents: the declaration is what saved them.
  assert.notEqual(raw.toString('utf8').includes('Actualités'), true);
});

function refusal(input: string): AppError {
  try {
    parseOpml(input);
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    return error;
  }
  assert.fail('the file was accepted');
}

test('malformed XML, a non-OPML document, an empty file and plain text are refused with a clear sentence', () => {
  const malformed = refusal(text('malformed.opml'));
  assert.equal(malformed.code, 'INVALID_INPUT');
  assert.match(malformed.message, /damaged .*Nothing was imported/);
  assert.match(malformed.message, /close tag/i);
  assert.match(refusal(text('not-opml.xml')).message, /not an OPML subscription list \(its root element is <rss>/);
  assert.match(refusal(text('empty.opml')).message, /the file is empty/);
  assert.match(refusal('just some words').message, /not an OPML subscription list \(it is not XML\)/);
  assert.match(refusal('<opml version="2.0"><body><outline text="x">').message, /damaged/);
});

test('declared entities are never expanded: a billion-laughs or XXE file is refused, nothing leaks', () => {
  const error = refusal(text('entity-expansion.opml'));
  assert.match(error.message, /damaged/);
  assert.doesNotMatch(error.message, /root:/);
});
