import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../src/main/core/feeds/parse-document';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'formats');
const url = 'http://doc.example/feed.xml';

test('CDATA sections are read without their closing brackets, in every field, also split in two', async () => {
  const feed = await parseDocument({ text: readFileSync(join(fixtures, 'quirks', 'cdata-sections.xml')), url });
  assert.equal(feed.title, 'Harbour notes');
  assert.equal(feed.siteUrl, 'http://harbour.example/');
  const [item] = feed.items;
  assert.equal(item!.key, 'id:harbour-17');
  assert.equal(item!.title, 'Tides & moons');
  assert.equal(item!.author, 'Ada Quay');
  assert.equal(item!.summary, 'Spring tides tonight');
  assert.equal(item!.contentHtml, '<p>Spring tides <em>tonight</em>; keep ]]> clear.</p>');
});

const atom03 = (label: string, body: Buffer) =>
  Buffer.concat([
    Buffer.from(
      `<?xml version="1.0" encoding="${label}"?>\n<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>`,
    ),
    body,
    Buffer.from('</title></feed>'),
  ]);

// Byte 0x80 in each charset, by the labels feeds write (Python's codecs and browsers agree on these).
const highByte: Array<[label: string, expected: string]> = [
  ['iso-8859-1', '\u20ac'], // read as Windows-1252, as browsers do
  ['windows-1252', '\u20ac'],
  ['cp1251', '\u0402'],
  ['koi8-r', '\u2500'],
  ['ibm866', '\u0410'],
  ['cp437', '\u00c7'],
  ['cspc8codepage437', '\u00c7'],
  ['csibm855', '\u0452'],
  ['cp_is', '\u00c7'], // Python's name for cp861
  ['x-mac-cyrillic', '\u0410'],
  ['macintosh', '\u00c4'],
];

test('every charset label a feed declares decodes its bytes (0x80 per charset)', async () => {
  for (const [label, expected] of highByte) {
    const feed = await parseDocument({ text: atom03(label, Buffer.from([0x80])), url });
    assert.equal(feed.title, expected, label);
  }
});

test('EBCDIC feeds (IBM mainframes) are read by their "<?xm" bytes and declared page, cp037 when undeclared', async () => {
  const declared = await parseDocument({ text: readFileSync(join(fixtures, 'encodings', 'ebcdic-cp500.xml')), url });
  assert.equal(declared.title, 'Mainframe news [1]', 'cp500 puts [ and ] where cp037 puts Ý and ¨');
  assert.equal(declared.items[0]!.title, 'Batch run at 02:00 été');
  assert.equal(declared.items[0]!.link, 'http://mainframe.example/runs/1');
  const undeclared = await parseDocument({
    text: readFileSync(join(fixtures, 'encodings', 'ebcdic-undeclared.xml')),
    url,
  });
  assert.equal(undeclared.title, 'IBM 037 without a declaration');
});

test('UTF-8 with stray Windows-1252 bytes keeps both, unless the server holds it to UTF-8', async () => {
  const body = Buffer.concat([
    Buffer.from('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>caf\u00e9 '),
    Buffer.from([0x93, 0x71, 0x94]),
    Buffer.from('</title></channel></rss>'),
  ]);
  assert.equal((await parseDocument({ text: body, url })).title, 'café \u201cq\u201d');
  const undeclared = Buffer.from(body.toString('latin1').replace(' encoding="utf-8"', ''), 'latin1');
  assert.equal((await parseDocument({ text: undeclared, url })).title, 'café \u201cq\u201d');
  const held = await parseDocument({
    text: body,
    url,
    headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
  });
  assert.equal(held.title, 'café \ufffdq\ufffd');
});
