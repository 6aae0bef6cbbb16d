import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { shrinkIcon } from '../../src/main/core/icons/shrink-icon';
import { readIconImage, sniffImage } from '../../src/main/core/icons/read-image';
import { startFixtureServer, send } from '../support/fixture-server';
import { startTestCore } from '../support/test-core';
import { eventually } from '../support/eventually';
import { ico, png } from '../support/images';
import { rss } from '../support/feeds';

type Pixel = [number, number, number, number];

/**
 * A DIB as .ico files store it: bottom-up rows padded to 4 bytes, height doubled,
 * then the AND mask (1 = transparent). `colour(x, y)` is a palette index for
 * 1/4/8 bits, else [r, g, b, a].
 */
function dib(opts: {
  size: number;
  bitCount: 1 | 4 | 8 | 24 | 32;
  palette?: Array<[number, number, number]>;
  colour(x: number, y: number): number | Pixel;
  transparent?(x: number, y: number): boolean;
}): Buffer {
  const { size, bitCount } = opts;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(bitCount, 14);
  header.writeUInt32LE(opts.palette?.length ?? 0, 32);
  const palette = Buffer.concat((opts.palette ?? []).map(([r, g, b]) => Buffer.from([b, g, r, 0])));
  const stride = Math.floor((bitCount * size + 31) / 32) * 4;
  const pixels = Buffer.alloc(stride * size);
  const maskStride = Math.floor((size + 31) / 32) * 4;
  const mask = Buffer.alloc(maskStride * size);
  for (let y = 0; y < size; y++) {
    const row = (size - 1 - y) * stride;
    for (let x = 0; x < size; x++) {
      const colour = opts.colour(x, y);
      if (typeof colour === 'number') {
        const bit = x * bitCount;
        pixels[row + (bit >> 3)]! |= colour << (8 - bitCount - (bit & 7));
      } else {
        const at = row + x * (bitCount / 8);
        pixels[at] = colour[2];
        pixels[at + 1] = colour[1];
        pixels[at + 2] = colour[0];
        if (bitCount === 32) pixels[at + 3] = colour[3];
      }
      if (opts.transparent?.(x, y)) mask[(size - 1 - y) * maskStride + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, palette, pixels, mask]);
}

/** What a browser would draw: the PNG's pixels, as [r, g, b, a] at (x, y). */
function drawn(data: Buffer): { width: number; height: number; at(x: number, y: number): Pixel } {
  const decoded = PNG.sync.read(data);
  return {
    width: decoded.width,
    height: decoded.height,
    at: (x, y) => [...decoded.data.subarray((y * decoded.width + x) * 4, (y * decoded.width + x) * 4 + 4)] as Pixel,
  };
}

const shrunk = (file: Buffer) => {
  const read = readIconImage(file);
  assert.ok(read);
  return shrinkIcon(read);
};

test('.ico bitmaps of every depth become small PNGs with the same pixels and transparency', () => {
  const leftHalf = (x: number) => x < 16;
  const cases: Array<{ name: string; entry: Buffer; bitCount: number; left: Pixel; right: Pixel }> = [
    {
      name: '1 bit, two colours, masked corner',
      bitCount: 1,
      entry: dib({
        size: 32,
        bitCount: 1,
        palette: [
          [0, 0, 0],
          [255, 255, 255],
        ],
        colour: (x) => (leftHalf(x) ? 1 : 0),
        transparent: (x, y) => x >= 16 && y >= 16,
      }),
      left: [255, 255, 255, 255],
      right: [0, 0, 0, 255],
    },
    {
      name: '4 bits, a 16-colour palette',
      bitCount: 4,
      entry: dib({
        size: 32,
        bitCount: 4,
        palette: Array.from({ length: 16 }, (_, i) => [i * 16, 0, 255 - i * 16] as [number, number, number]),
        colour: (x) => (leftHalf(x) ? 3 : 12),
        transparent: (x, y) => x >= 16 && y >= 16,
      }),
      left: [48, 0, 207, 255],
      right: [192, 0, 63, 255],
    },
    {
      name: '8 bits, a short palette (colours used)',
      bitCount: 8,
      entry: dib({
        size: 32,
        bitCount: 8,
        palette: [
          [10, 20, 30],
          [200, 100, 50],
        ],
        colour: (x) => (leftHalf(x) ? 0 : 1),
        transparent: (x, y) => x >= 16 && y >= 16,
      }),
      left: [10, 20, 30, 255],
      right: [200, 100, 50, 255],
    },
    {
      name: '24 bits and a mask',
      bitCount: 24,
      entry: dib({
        size: 32,
        bitCount: 24,
        colour: (x) => (leftHalf(x) ? [250, 128, 0, 0] : [0, 128, 250, 0]),
        transparent: (x, y) => x >= 16 && y >= 16,
      }),
      left: [250, 128, 0, 255],
      right: [0, 128, 250, 255],
    },
    {
      name: '32 bits whose alpha is all 0 (older files): the mask decides',
      bitCount: 32,
      entry: dib({
        size: 32,
        bitCount: 32,
        colour: (x) => (leftHalf(x) ? [1, 2, 3, 0] : [4, 5, 6, 0]),
        transparent: (x, y) => x >= 16 && y >= 16,
      }),
      left: [1, 2, 3, 255],
      right: [4, 5, 6, 255],
    },
  ];
  for (const { name, entry, bitCount, left, right } of cases) {
    const file = ico([{ size: 32, data: entry, bitCount }]);
    const image = shrunk(file);
    assert.equal(image.mime, 'image/png', name);
    assert.ok(image.data.length < file.length, `${name}: ${image.data.length} < ${file.length} bytes`);
    const picture = drawn(image.data);
    assert.deepEqual([picture.width, picture.height], [32, 32], name);
    assert.deepEqual(picture.at(2, 2), left, `${name}: top left`);
    assert.deepEqual(picture.at(30, 2), right, `${name}: top right (rows are bottom-up in the file)`);
    assert.equal(picture.at(30, 30)[3], 0, `${name}: the masked corner is transparent`);
  }

  // 32 bits with real alpha keep it, whatever the mask says.
  const soft = ico([
    {
      size: 32,
      bitCount: 32,
      data: dib({ size: 32, bitCount: 32, colour: () => [9, 99, 199, 128], transparent: () => true }),
    },
  ]);
  assert.deepEqual(drawn(shrunk(soft).data).at(5, 5), [9, 99, 199, 128]);
});

test('a PNG over 32 px is scaled down to 32 (averaging, aspect kept); smaller ones, SVGs and broken images stay as they came', () => {
  // Left half red, right half blue, 180 px as touch icons come.
  const big = new PNG({ width: 180, height: 180 });
  for (let i = 0; i < 180 * 180; i++) big.data.set(i % 180 < 90 ? [255, 0, 0, 255] : [0, 0, 255, 255], i * 4);
  const touch = PNG.sync.write(big);
  const small = shrunk(touch);
  const picture = drawn(small.data);
  assert.deepEqual([picture.width, picture.height], [32, 32]);
  assert.deepEqual(picture.at(3, 10), [255, 0, 0, 255]);
  assert.deepEqual(picture.at(28, 10), [0, 0, 255, 255]);
  assert.ok(small.data.length < touch.length);

  const trailing = Buffer.concat([touch, Buffer.from('\0\0 left over by an upload tool \0\0')]);
  assert.deepEqual(drawn(shrunk(trailing).data).at(3, 10), [255, 0, 0, 255], 'bytes after IEND are ignored');

  const wide = new PNG({ width: 128, height: 64 });
  wide.data.fill(200);
  assert.deepEqual(
    (({ width, height }) => [width, height])(drawn(shrunk(PNG.sync.write(wide)).data)),
    [32, 16],
    'a wide logo keeps its shape',
  );

  const right = png(32, [0, 160, 0]);
  assert.equal(shrunk(right).data, right, 'a 32 px PNG is kept byte for byte');
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle r="9"/></svg>');
  assert.equal(shrunk(svg).data, svg);
  const truncated = touch.subarray(0, touch.length - 40);
  assert.equal(shrunk(truncated).data, truncated, 'a damaged PNG is not the core’s to fix');
  // A header claiming 60,000 x 60,000 px is never decoded (it would ask for gigabytes).
  const claims = Buffer.from(png(40));
  claims.writeUInt32BE(60_000, 16);
  claims.writeUInt32BE(60_000, 20);
  assert.equal(shrunk(claims).data, claims);
  const hugeBitmap = dib({ size: 8, bitCount: 32, colour: () => [1, 1, 1, 255] });
  hugeBitmap.writeInt32LE(100_000, 4);
  const hugeIco = ico([{ size: 0, data: hugeBitmap }]);
  assert.equal(shrunk(hugeIco).data.length, hugeIco.length, 'a bitmap claiming to be huge is left alone');
});

test('a site with only a 180 px touch icon is stored as a 32 px PNG, a fraction of the bytes', async () => {
  const big = new PNG({ width: 180, height: 180 });
  for (let i = 0; i < 180 * 180; i++) big.data.set([(i * 7) % 256, (i * 13) % 256, (i * 3) % 256, 255], i * 4);
  const touch = PNG.sync.write(big);
  const site = await startFixtureServer();
  site.route(
    '/',
    send(`<!doctype html><html><head><link rel="apple-touch-icon" href="/touch.png"></head></html>`, 'text/html'),
  );
  site.route(
    '/feed.xml',
    send(
      rss('Touch Only', [{ id: 'a', title: 'First' }]).replace(
        '<link>https://example.org/</link>',
        `<link>${site.origin}/</link>`,
      ),
    ),
  );
  site.route('/touch.png', send(touch, 'image/png'));
  const t = await startTestCore();
  try {
    const added = await t.core.addFeed({ url: site.url('/feed.xml') });
    assert.ok('feed' in added);
    const iconUrl = await eventually(
      async () => (await t.core.listFeeds({})).find((f) => f.id === added.feed.id)?.iconUrl,
      'the icon',
    );
    assert.ok(iconUrl.startsWith('data:image/png;base64,'));
    const picture = drawn(Buffer.from(iconUrl.split(',')[1]!, 'base64'));
    assert.deepEqual([picture.width, picture.height], [32, 32]);
    const { bytes } = t.core.icons.totals();
    assert.ok(bytes < touch.length / 10, `${bytes} bytes kept of ${touch.length}`);
  } finally {
    await t.close();
    await site.close();
  }
});

test(
  'an SVG is known by its root after a prolog, comments and doctypes, and a run of comments costs one pass',
  { timeout: 20_000 },
  () => {
    const sniff = (text: string) => sniffImage(Buffer.from(text));
    assert.equal(sniff('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml');
    assert.equal(
      sniff(
        '\uFEFF  <?XML version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN">\n<SVG>',
      ),
      'image/svg+xml',
    );
    assert.equal(sniff('<!----><!-- two --><svg\nviewBox="0 0 1 1"/>'), 'image/svg+xml');
    assert.equal(sniff('<svgx>'), null, 'another element is no SVG');
    assert.equal(sniff('<!-- never closed <svg>'), null, 'an <svg> inside a comment is no root');
    assert.equal(sniff('<html><svg>'), null);
    // 146 empty comments fill the 1 KB head: the old regex tried every way of grouping them.
    assert.equal(sniff('<!---->'.repeat(146) + '<html>'), null);
    assert.equal(sniff('<!---->'.repeat(140) + '<svg>'), 'image/svg+xml');
  },
);
