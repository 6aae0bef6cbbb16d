import { test } from 'node:test';
import assert from 'node:assert/strict';
import sax from 'sax';
import { renderSharedAtom, type SharedAtomEntry } from '../../src/main/core/hub/shared-atom';
import { parseDocument } from '../../src/main/core/feeds/parse-document';

const topic = 'https://tidings-abc.loca.lt/shared.atom';
const hostile: SharedAtomEntry = {
  atomId: 'urn:uuid:1f0e7d4c-0000-4000-8000-000000000001',
  title: 'Ben & Jerry\'s <script>alert("x")</script> \u0001\u0008 "quoted"',
  link: 'https://example.com/post?a=1&b=<2>',
  author: 'Zoë "Z" <z@example.com>',
  note: 'Worth it: a & b\n\nsecond <paragraph>\nline two',
  summary: 'The summary with <b>tags</b> & \uFFFE an ampersand \uD800 and a lone surrogate',
  sourceTitle: 'Example <Feed>',
  sourceUrl: 'https://example.com/feed.xml?x=1&y=2',
  sourceSiteUrl: 'https://example.com/',
  sharedAt: Date.UTC(2026, 4, 6, 7, 8, 9),
};

function render(entries: SharedAtomEntry[], title = 'Shared from Tidings') {
  return renderSharedAtom({
    atomId: 'urn:uuid:feed-0000',
    title,
    updatedAt: Date.UTC(2026, 4, 6, 7, 8, 9),
    selfUrl: topic,
    hubUrls: ['https://tidings-abc.loca.lt/hub', 'https://pubsubhubbub.appspot.com/'],
    version: '0.1.0',
    entries,
  });
}

/** A strict XML parse: throws on anything that is not well-formed XML 1.0. */
function wellFormed(xml: string): void {
  const parser = sax.parser(true, {});
  parser.onerror = (error) => {
    throw error;
  };
  parser.write(xml).close();
}

test('hostile titles, notes and URLs are escaped: the document stays well-formed XML and reads back as written', async () => {
  const xml = render([hostile], 'Mine & <yours>');
  wellFormed(xml);
  assert.doesNotMatch(xml, /<script>/);
  assert.doesNotMatch(xml, /[\u0001\u0008\uFFFE]/);

  const feed = await parseDocument({ text: xml, url: topic });
  assert.ok(feed);
  assert.equal(feed.title, 'Mine & <yours>');
  assert.deepEqual(
    feed.links.filter((l) => l.rel === 'self' || l.rel === 'hub').map((l) => [l.rel, l.href]),
    [
      ['self', topic],
      ['hub', 'https://tidings-abc.loca.lt/hub'],
      ['hub', 'https://pubsubhubbub.appspot.com/'],
    ],
  );
  const item = feed.items[0]!;
  assert.equal(item.title, 'Ben & Jerry\'s <script>alert("x")</script> "quoted"');
  // The reader normalises the URL it reads; the bytes were escaped, not altered.
  assert.equal(item.link, 'https://example.com/post?a=1&b=%3C2%3E');
  assert.match(xml, /href="https:\/\/example\.com\/post\?a=1&amp;b=&lt;2&gt;"/);
  assert.equal(item.key, `id:${hostile.atomId}`);
  assert.equal(item.publishedAt, hostile.sharedAt);
  // The note is the content, as paragraphs, and the summary is quoted after it; both as text, never markup.
  assert.match(
    item.contentHtml,
    /^<p>Worth it: a &amp; b<\/p><p>second &lt;paragraph&gt;<br ?\/?>line two<\/p><blockquote/,
  );
  assert.match(
    item.contentHtml,
    /The summary with &lt;b&gt;tags&lt;\/b&gt; &amp; {2}an ampersand {2}and a lone surrogate/,
  );
});

test('each entry names its source feed, and the same input always gives the same bytes', () => {
  const xml = render([hostile, { ...hostile, atomId: 'urn:uuid:2', note: null, link: null, author: null }]);
  assert.equal(xml, render([hostile, { ...hostile, atomId: 'urn:uuid:2', note: null, link: null, author: null }]));
  const sources = [...xml.matchAll(/<source>([\s\S]*?)<\/source>/g)].map((m) => m[1]!);
  assert.equal(sources.length, 2);
  assert.match(sources[0]!, /<id>https:\/\/example\.com\/feed\.xml\?x=1&amp;y=2<\/id>/);
  assert.match(sources[0]!, /<title type="text">Example &lt;Feed&gt;<\/title>/);
  assert.match(sources[0]!, /<link rel="alternate" href="https:\/\/example\.com\/"\/>/);
  // Without a note the content is the quoted summary alone; without a link there is no alternate link.
  const second = xml.split('<entry>')[2]!;
  assert.match(second, /<content type="html">&lt;blockquote&gt;The summary/);
  assert.doesNotMatch(second.split('<source>')[0]!, /rel="alternate"/);
});

test('an empty shared feed is still a valid Atom feed with its links', async () => {
  const xml = render([]);
  wellFormed(xml);
  const feed = await parseDocument({ text: xml, url: topic });
  assert.equal(feed.items.length, 0);
  assert.match(
    xml,
    /<link rel="self" type="application\/atom\+xml" href="https:\/\/tidings-abc\.loca\.lt\/shared\.atom"\/>/,
  );
});
