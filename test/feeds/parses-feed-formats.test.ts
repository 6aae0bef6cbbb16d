import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../src/main/core/feeds/parse-document';

const parseFeed = (text: string, url: string) => parseDocument({ text, url });
import { decodeBody } from '../../src/main/core/feeds/decode-body';
import { sniffDocument } from '../../src/main/core/feeds/sniff-document';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', name));

test('RSS 2.0: content:encoded wins over description, relative links resolve, dc:creator is the author', async () => {
  const feed = await parseFeed(
    fixture('rss2-content-encoded.xml').toString('utf8'),
    'https://harbour.example/feed.xml',
  );
  assert.equal(feed.title, 'Harbour & Tide News');
  assert.equal(feed.siteUrl, 'https://harbour.example/');
  assert.equal(feed.ttlMinutes, 60);
  const [first, second, third] = feed.items;
  assert.equal(first!.title, 'High tide at <noon>');
  assert.equal(first!.key, 'id:harbour-42');
  assert.equal(first!.link, 'https://harbour.example/2026/11/high-tide');
  assert.equal(first!.author, 'Ada Quay');
  assert.equal(first!.publishedAt, Date.parse('2026-11-21T09:30:00Z'));
  assert.match(first!.contentHtml, /<strong>full<\/strong>/);
  assert.equal(first!.summary, 'Short summary of the tide.');
  assert.equal(second!.key, 'link:https://harbour.example/2026/11/link-only');
  assert.equal(second!.summary, 'Escaped & HTML description');
  assert.match(third!.key, /^hash:[0-9a-f]{40}$/);
  assert.equal(third!.title, 'An item with neither title, guid nor link.');
});

test('RSS 2.0: hub and self come from atom:link by rel, not by position', async () => {
  const feed = await parseFeed(
    fixture('rss2-content-encoded.xml').toString('utf8'),
    'https://harbour.example/feed.xml',
  );
  assert.deepEqual(
    feed.links.filter((l) => l.rel !== 'alternate'),
    [
      { rel: 'hub', href: 'https://hub.example/' },
      { rel: 'self', href: 'https://harbour.example/feed.xml' },
    ],
  );
});

test('Atom: xhtml content kept as HTML, html titles become text, published date preferred', async () => {
  const feed = await parseFeed(fixture('atom-xhtml.xml').toString('utf8'), 'https://lighthouse.example/atom.xml');
  assert.equal(feed.title, 'Lighthouse Log');
  assert.equal(feed.siteUrl, 'https://lighthouse.example/');
  assert.ok(feed.links.some((l) => l.rel === 'hub' && l.href === 'https://hub.example/websub'));
  const [lamp, fog] = feed.items;
  assert.equal(lamp!.title, 'Lamp relit');
  assert.equal(lamp!.key, 'id:urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a');
  assert.equal(lamp!.author, 'Keeper Jo');
  assert.equal(lamp!.publishedAt, Date.parse('2026-11-21T18:30:02Z'));
  assert.match(lamp!.contentHtml, /<p>The lamp was <b>relit<\/b> tonight\.<\/p>/);
  assert.equal(lamp!.summary, 'The lamp was relit tonight.');
  assert.equal(fog!.link, 'https://lighthouse.example/entries/fog');
  assert.equal(fog!.contentHtml, '<p>Loud.</p>');
});

test('RSS 1.0 (RDF): items, dc:date and dc:creator', async () => {
  const feed = await parseFeed(fixture('rss1.rdf').toString('utf8'), 'https://quay.example/rss');
  assert.equal(feed.title, 'Quay Bulletin');
  assert.equal(feed.items.length, 1);
  assert.equal(feed.items[0]!.title, 'Ferry timetable changes');
  assert.equal(feed.items[0]!.author, 'Port Office');
  assert.equal(feed.items[0]!.key, 'link:https://quay.example/1');
});

test('a Latin-1 feed is decoded from its XML prolog when the header names no charset', async () => {
  const body = fixture('latin1.xml');
  const text = decodeBody(body, 'application/rss+xml');
  const feed = await parseFeed(text, 'https://cafe.example/rss');
  assert.equal(feed.title, 'Café du Port');
  assert.equal(feed.items[0]!.title, 'Crêpes à la crème');
  assert.equal(feed.items[0]!.summary, 'Délicieux, 5 ¤');
});

test('the Content-Type charset wins over the prolog, and a BOM over both', () => {
  const latin = Buffer.from('<?xml version="1.0" encoding="utf-8"?><rss>\xe9</rss>', 'latin1');
  assert.match(decodeBody(latin, 'text/xml; charset=ISO-8859-1'), /é/);
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss>é</rss>', 'utf8')]);
  assert.equal(decodeBody(bom, 'text/xml; charset=ISO-8859-1'), '<rss>é</rss>');
});

test('broken XML is read as far as it goes; a feed with nothing readable is MALFORMED_FEED naming why', async () => {
  const partial = await parseFeed('<rss><channel><title>broken</channel>', 'https://x.example/');
  assert.equal(partial.title, 'broken');
  assert.deepEqual(partial.problems, ['<title> is not closed', 'it ends before </rss>']);
  await assert.rejects(parseFeed('<rss><channel><item', 'https://x.example/'), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'MALFORMED_FEED');
    assert.match(error.message, /x\.example could not be read: it ends before <\/rss>/);
    return true;
  });
});

test('documents are told apart by their first element, not their Content-Type', () => {
  assert.equal(sniffDocument(fixture('rss1.rdf').toString()), 'feed');
  assert.equal(sniffDocument(fixture('atom-xhtml.xml').toString()), 'feed');
  assert.equal(sniffDocument('\uFEFF<?xml version="1.0"?>\n<!-- hi -->\n<?xml-stylesheet href="x"?><rss/>'), 'feed');
  assert.equal(sniffDocument(fixture('two-feeds.html').toString()), 'html');
  assert.equal(sniffDocument('{"version":"https://jsonfeed.org/version/1"}'), 'json');
  assert.equal(sniffDocument('<!DOCTYPE rss [<!ENTITY a "b>c">]>\n<rss version="2.0"/>'), 'feed');
  assert.equal(sniffDocument('<opml version="2.0"/>'), 'other');
});
