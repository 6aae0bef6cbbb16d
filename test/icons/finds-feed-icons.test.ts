import { test } from 'node:test';
import { PNG } from 'pngjs';
import assert from 'node:assert/strict';
import { startFixtureServer, send, type FixtureServer } from '../support/fixture-server';
import { startTestCore, type TestCore } from '../support/test-core';
import { createManualClock } from '../support/manual-clock';
import { eventually } from '../support/eventually';
import { ico, icoBitmap, png } from '../support/images';
import { rss } from '../support/feeds';
import { pageIconLinks } from '../../src/main/core/icons/page-icon-links';

const html = (head: string) =>
  `<!doctype html><html><head><title>Site</title>${head}</head><body><p>Hello</p></body></html>`;
const feedOf = (site: FixtureServer, title = 'Harbour Gazette') =>
  send(
    rss(title, [{ id: 'a', title: 'First' }]).replace(
      '<link>https://example.org/</link>',
      `<link>${site.origin}/</link>`,
    ),
  );
const dataUrl = (mime: string, bytes: Buffer) => `data:${mime};base64,${bytes.toString('base64')}`;

async function add(t: TestCore, url: string): Promise<number> {
  const added = await t.core.addFeed({ url });
  assert.ok('feed' in added);
  return added.feed.id;
}

const iconArrives = (t: TestCore, feedId: number) =>
  eventually(async () => (await t.core.listFeeds({})).find((f) => f.id === feedId)?.iconUrl, 'the icon');

test("the site's <head> icon nearest 32 px is kept and served as a data URL, shown in listFeeds and feedChanged", async () => {
  const small = png(16, [200, 0, 0]);
  const right = png(32, [0, 160, 0]);
  const touch = png(180, [0, 0, 200]);
  const site = await startFixtureServer();
  site.route(
    '/',
    send(
      html(
        `<link rel="shortcut icon" href="/s.png" sizes="16x16"><link rel="icon" href="icons/right.png" sizes="32x32"><link rel="apple-touch-icon" href="/touch.png">`,
      ),
      'text/html',
    ),
  );
  site.route('/feed.xml', feedOf(site));
  site.route('/s.png', send(small, 'image/png'));
  site.route('/icons/right.png', send(right, 'image/png'));
  site.route('/touch.png', send(touch, 'image/png'));
  const t = await startTestCore();
  try {
    const changed: Array<string | null> = [];
    t.core.events.on('feedChanged', ({ feed }) => changed.push(feed?.iconUrl ?? null));
    const feedId = await add(t, site.url('/feed.xml'));
    assert.equal(await iconArrives(t, feedId), dataUrl('image/png', right));
    assert.ok(changed.includes(dataUrl('image/png', right)), 'the new icon is announced');
    assert.ok(
      !site.requests.some((r) => r.path === '/touch.png' || r.path === '/s.png'),
      'only the best one is fetched',
    );
    assert.deepEqual(t.core.icons.totals(), { icons: 1, bytes: right.length });
  } finally {
    await t.close();
    await site.close();
  }
});

test('with no icon in the page, /favicon.ico is used, cut down to its one image nearest 32 px, a bitmap one as a PNG', async () => {
  const sizes = [16, 32, 48, 64].map((size) => ({ size, data: png(size) }));
  const site = await startFixtureServer();
  site.route('/', send(html(''), 'text/html'));
  site.route('/feed.xml', feedOf(site));
  site.route('/favicon.ico', send(ico(sizes), 'image/vnd.microsoft.icon'));
  const bitmaps = await startFixtureServer();
  bitmaps.route('/', send(html('<link rel="icon" href="/old.ico">'), 'text/html'));
  bitmaps.route('/feed.xml', feedOf(bitmaps, 'Old Site'));
  bitmaps.route('/old.ico', send(ico([16, 32, 48].map((size) => ({ size, data: icoBitmap(size) }))), 'image/x-icon'));
  const t = await startTestCore();
  try {
    const feedId = await add(t, site.url('/feed.xml'));
    assert.equal(await iconArrives(t, feedId), dataUrl('image/png', sizes[1]!.data));

    // A bitmap entry can't stand alone: the 32 px one is kept, as a PNG (far smaller than the raw pixels).
    const oldId = await add(t, bitmaps.url('/feed.xml'));
    const kept = await iconArrives(t, oldId);
    assert.ok(kept.startsWith('data:image/png;base64,'), kept.slice(0, 40));
    const decoded = PNG.sync.read(Buffer.from(kept.split(',')[1]!, 'base64'));
    assert.deepEqual([decoded.width, decoded.height], [32, 32]);
    assert.deepEqual([...decoded.data.subarray(0, 4)], [0xc0, 0xc0, 0xc0, 0xc0], 'its pixels, alpha and all');
    assert.ok(t.core.icons.totals().bytes < icoBitmap(32).length / 4);
  } finally {
    await t.close();
    await site.close();
    await bitmaps.close();
  }
});

test('no icon anywhere gives null (a letter tile); a "favicon" that is a web page or too large is not kept', async () => {
  const site = await startFixtureServer();
  site.route('/', send(html('<link rel="icon" href="/huge.png"><link rel="icon" href="/fake.png">'), 'text/html'));
  site.route('/feed.xml', feedOf(site));
  site.route('/huge.png', send(png(32, [1, 2, 3], 40 * 1024), 'image/png'));
  site.route('/fake.png', send('<html><body>Not found</body></html>', 'image/png'));
  site.route('/favicon.ico', send('<!doctype html><p>soft 404</p>', 'text/html'));
  const t = await startTestCore();
  try {
    const feedId = await add(t, site.url('/feed.xml'));
    await eventually(() => site.requests.some((r) => r.path === '/favicon.ico'), 'the last place to look');
    await eventually(() => t.core.icons.totals().icons === 0 && site.requests.length >= 5, 'the search to end');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const feed = (await t.core.listFeeds({})).find((f) => f.id === feedId)!;
    assert.equal(feed.iconUrl, null);
    assert.deepEqual(t.core.icons.totals(), { icons: 0, bytes: 0 });
  } finally {
    await t.close();
    await site.close();
  }
});

test('an icon is fetched once, not again on every poll, and looked at again only after weeks, conditionally', async () => {
  const clock = createManualClock(Date.now());
  const image = png(32);
  const site = await startFixtureServer();
  site.route('/', send(html('<link rel="icon" href="/icon.png">'), 'text/html'));
  site.route('/feed.xml', feedOf(site));
  site.route('/icon.png', (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'image/png', etag: '"v1"' }).end(image);
  });
  const t = await startTestCore({ clock });
  const iconRequests = () => site.requests.filter((r) => r.path === '/icon.png');
  try {
    const feedId = await add(t, site.url('/feed.xml'));
    await iconArrives(t, feedId);
    for (let i = 0; i < 3; i++) await t.core.refreshFeed({ feedId });
    await clock.advance(6 * 24 * 60 * 60 * 1000);
    assert.equal(iconRequests().length, 1, 'polls and a sweep within weeks fetch nothing');

    await clock.advance(30 * 24 * 60 * 60 * 1000);
    await eventually(() => iconRequests().length === 2, 'the late re-check');
    assert.equal(iconRequests()[1]!.headers['if-none-match'], '"v1"', 'a conditional GET');
    assert.equal((await t.core.listFeeds({}))[0]!.iconUrl, dataUrl('image/png', image), 'a 304 keeps the icon');
  } finally {
    await t.close();
    await site.close();
  }
});

test("the icon the feed names comes first: Atom icon, RSS image, JSON Feed favicon; the site's page is not asked", async () => {
  const site = await startFixtureServer();
  const [atomIcon, rssImage, jsonIcon] = [png(32, [1, 1, 1]), png(32, [2, 2, 2]), png(32, [3, 3, 3])];
  site.route('/', send(html('<link rel="icon" href="/page.png">'), 'text/html'));
  site.route('/page.png', send(png(32, [9, 9, 9]), 'image/png'));
  site.route('/a.png', send(atomIcon, 'image/png'));
  site.route('/r.png', send(rssImage, 'image/png'));
  site.route('/j.png', send(jsonIcon, 'image/png'));
  site.route(
    '/atom.xml',
    send(
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom one</title><id>urn:a</id><updated>2026-01-01T00:00:00Z</updated><link rel="alternate" href="${site.origin}/"/><icon>/a.png</icon><logo>/logo.png</logo><entry><id>e1</id><title>E</title><updated>2026-01-01T00:00:00Z</updated></entry></feed>`,
      'application/atom+xml',
    ),
  );
  site.route(
    '/rss.xml',
    send(
      rss(
        'RSS one',
        [{ id: 'r1', title: 'R' }],
        `<image><url>${site.origin}/r.png</url><title>RSS one</title><link>${site.origin}/</link></image>`,
      ).replace('<link>https://example.org/</link>', `<link>${site.origin}/</link>`),
    ),
  );
  site.route(
    '/feed.json',
    send(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON one',
        home_page_url: `${site.origin}/`,
        favicon: `${site.origin}/j.png`,
        icon: `${site.origin}/big.png`,
        items: [{ id: 'j1', content_text: 'J' }],
      }),
      'application/feed+json',
    ),
  );
  const t = await startTestCore();
  try {
    for (const [path, bytes] of [
      ['/atom.xml', atomIcon],
      ['/rss.xml', rssImage],
      ['/feed.json', jsonIcon],
    ] as const) {
      const feedId = await add(t, site.url(path));
      assert.equal(await iconArrives(t, feedId), dataUrl('image/png', bytes), path);
    }
    assert.ok(!site.requests.some((r) => r.path === '/page.png'), 'the feed’s own icon was enough');
  } finally {
    await t.close();
    await site.close();
  }
});

test('sizes attributes are read as pages write them, and a hostile one costs nothing', { timeout: 20_000 }, () => {
  const page = (sizes: string) =>
    `<head><link rel="icon" href="/a.png" sizes="${sizes}"><link rel="icon" href="/b.png" sizes="32x32">`;
  // "16x16 64X64" is read as 64 px, farther from 32 than b.png; "any" and an unreadable value are the fallbacks.
  const [best] = pageIconLinks(page('16x16 64X64'), 'https://site.example/');
  assert.equal(best!.href, 'https://site.example/b.png');
  // A million digits where sizes go: bounded before it is matched (the old pattern took 1.8 s on 40,000).
  const hostile = pageIconLinks(page('1'.repeat(1_000_000)), 'https://site.example/');
  assert.deepEqual(hostile.map((icon) => icon.href).sort(), [
    'https://site.example/a.png',
    'https://site.example/b.png',
  ]);
});
