/**
 * Issue 16: the reader view's extraction time for a large article page (in the
 * worker, with the main thread's longest block meanwhile, against Readability
 * run on this thread), and feed icons at 1,000 feeds: the bytes stored, and
 * what icons cost listFeeds (the same 1,000 feeds with and without them).
 */
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { openDb } from '../src/main/core/db/open-db';
import { createEventHub } from '../src/main/core/events';
import { createLibrary } from '../src/main/core/library';
import { systemClock } from '../src/main/core/clock';
import { fetchUrl } from '../src/main/core/feeds/fetch-url';
import { createFeedIcons, defaultIconTuning } from '../src/main/core/icons/feed-icons';
import { readIconImage } from '../src/main/core/icons/read-image';
import { createArticleReader } from '../src/main/core/article/readability-worker';
import { articlePage } from '../test/support/article-pages';
import { startFixtureServer, send } from '../test/support/fixture-server';
import { makeTempDir } from '../test/support/temp-dir';
import { PNG } from 'pngjs';
import { ico, icoBitmap } from '../test/support/images';
import { measureEventLoopBlock } from './event-loop-block';
import { median, printTable, ratio, timeRuns } from './measure';

type ReadabilityModule = { Readability: new (doc: unknown) => { parse(): unknown } };
type LinkedomModule = { parseHTML(html: string): { document: unknown } };

async function extraction(): Promise<void> {
  const html = articlePage('A very long report on the state of the harbour and its breakwater', 6_000);
  const url = 'https://bench.example/report.html';
  const reader = createArticleReader();
  const require = createRequire(import.meta.url);
  const { Readability } = require('@mozilla/readability') as ReadabilityModule;
  const { parseHTML } = require('linkedom') as LinkedomModule;
  try {
    const worker = await timeRuns(() => reader.read(html, url), 5, 1);
    const onThread = await timeRuns(() => new Readability(parseHTML(html).document).parse(), 5, 1);
    const block = await measureEventLoopBlock(() => reader.read(html, url));
    printTable([
      {
        what: `page of ${(html.length / 1024 / 1024).toFixed(1)} MB, in the worker`,
        'median ms': median(worker),
        ratio: ratio(median(worker), median(onThread)),
      },
      { what: 'the same on this thread (floor)', 'median ms': median(onThread), ratio: '1.00x' },
      {
        what: 'main thread longest block while the worker reads',
        'median ms': block.longestMs,
        ratio: ratio(block.longestMs, median(onThread)),
      },
    ]);
  } finally {
    await reader.close();
  }
}

/**
 * A detailed picture (noise: it barely compresses, so these figures are an upper
 * bound) on a transparent margin, as RGBA rows top first.
 */
function picture(size: number): Buffer {
  const data = Buffer.alloc(size * size * 4);
  const noise = randomBytes(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (x < size / 8 || x >= (size * 7) / 8 || y < size / 8 || y >= (size * 7) / 8) continue;
      const at = (y * size + x) * 4;
      noise.copy(data, at, (y * size + x) * 3, (y * size + x) * 3 + 3);
      data[at + 3] = 255;
    }
  }
  return data;
}

function pngOf(size: number): Buffer {
  const image = new PNG({ width: size, height: size });
  picture(size).copy(image.data);
  return PNG.sync.write(image);
}

/** A 32-bit .ico bitmap entry of a detailed picture (bottom-up BGRA rows, then an AND mask). */
function bitmapOf(size: number): Buffer {
  const header = icoBitmap(size).subarray(0, 40);
  const rgba = picture(size);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels.set([rgba[from + 2]!, rgba[from + 1]!, rgba[from]!, rgba[from + 3]!], to);
    }
  }
  return Buffer.concat([header, pixels, Buffer.alloc(Math.ceil(size / 32) * 4 * size)]);
}

/** A site's icon as real ones come: a multi-size .ico of bitmaps, a 32 px PNG logo, an SVG, a 180 px touch icon, or none. */
function siteIcon(i: number): { head: string; file?: Buffer; type?: string } {
  switch (i % 5) {
    case 0:
      return {
        head: '<link rel="icon" href="favicon.ico">',
        file: ico([16, 32, 48].map((size) => ({ size, data: bitmapOf(size) }))),
        type: 'image/x-icon',
      };
    case 1:
      return { head: '<link rel="icon" sizes="32x32" href="icon.png">', file: pngOf(32), type: 'image/png' };
    case 2:
      return {
        head: '<link rel="icon" href="icon.svg" type="image/svg+xml">',
        file: Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="${(i % 14) + 2}" fill="#${(i * 4321).toString(16).padStart(6, '0').slice(0, 6)}"/>${'<path d="M1 1L31 31"/>'.repeat(20)}</svg>`,
        ),
        type: 'image/svg+xml',
      };
    case 3:
      return { head: '<link rel="apple-touch-icon" href="touch.png">', file: pngOf(180), type: 'image/png' };
    default:
      return { head: '' };
  }
}

async function icons(): Promise<void> {
  const count = 1_000;
  const dir = makeTempDir();
  const site = await startFixtureServer();
  const db = openDb(`${dir.path}/bench.sqlite`);
  const events = createEventHub(() => {});
  let iconOf: (id: number) => string | null = () => null;
  const library = createLibrary(db, events, systemClock, undefined, undefined, { iconOf: (id) => iconOf(id) });
  try {
    let served = 0;
    const before = { icons: 0, bytes: 0 };
    for (let i = 0; i < count; i++) {
      const { head, file, type } = siteIcon(i);
      site.route(
        `/site${i}/`,
        send(`<!doctype html><html><head><title>Site ${i}</title>${head}</head><body></body></html>`, 'text/html'),
      );
      served += file?.length ?? 0;
      const unshrunk = file && readIconImage(file);
      if (unshrunk && unshrunk.data.length <= defaultIconTuning.maxStoredBytes) {
        before.icons++;
        before.bytes += unshrunk.data.length;
      }
      if (file) site.route(`/site${i}/${/href="([^"]+)"/.exec(head)![1]}`, send(file, type));
      library.feeds.insert({
        url: site.url(`/site${i}/feed.xml`),
        title: `Feed ${i}`,
        siteUrl: site.url(`/site${i}/`),
        etag: null,
        lastModified: null,
        fetchedAt: Date.now(),
      });
    }
    const feedIcons = createFeedIcons({
      db,
      feeds: library.feeds,
      clock: systemClock,
      log: () => {},
      fetcher: fetchUrl,
      announce: () => {},
    });
    const start = performance.now();
    await Promise.all(library.feeds.list().map((row) => feedIcons.refresh(row.id)));
    const fetchMs = performance.now() - start;
    const totals = feedIcons.totals();

    const list = () => JSON.stringify(library.listFeeds());
    const without = await timeRuns(list, 15, 3);
    const withoutBytes = list().length;
    iconOf = feedIcons.iconUrl;
    const withIcons = await timeRuns(list, 15, 3);
    const withBytes = list().length;
    await feedIcons.close();
    printTable([
      { what: `icons found for ${count} feeds`, value: `${totals.icons}`, ratio: '' },
      {
        what: 'stored as read, not shrunk (the first cut: one .ico entry, nothing over 32 KB)',
        value: `${(before.bytes / 1024).toFixed(0)} KB for ${before.icons} icons`,
        ratio: '',
      },
      { what: 'the icon files as the sites serve them', value: `${(served / 1024).toFixed(0)} KB`, ratio: '' },
      {
        what: 'icon bytes stored (PNGs over 32 px scaled to 32, .ico bitmaps as PNGs)',
        value: `${(totals.bytes / 1024).toFixed(0)} KB (${Math.round(totals.bytes / Math.max(1, totals.icons))} B each)`,
        ratio: '',
      },
      {
        what: 'looking for all of them (2 at a time, 1 per host: here one host)',
        value: `${(fetchMs / 1000).toFixed(1)} s`,
        ratio: '',
      },
      {
        what: 'listFeeds rows + JSON, no icons (floor)',
        value: `${median(without).toFixed(1)} ms, ${(withoutBytes / 1024).toFixed(0)} KB`,
        ratio: '1.00x',
      },
      {
        what: 'listFeeds rows + JSON, with data-URL icons',
        value: `${median(withIcons).toFixed(1)} ms, ${(withBytes / 1024).toFixed(0)} KB`,
        ratio: ratio(median(withIcons), median(without)),
      },
    ]);
  } finally {
    db.close();
    await site.close();
    dir.remove();
  }
}

export default async function firstDay(): Promise<void> {
  await extraction();
  await icons();
}
