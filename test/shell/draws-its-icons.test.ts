import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 as nodeCrc32, inflateSync } from 'node:zlib';
import { drawIcons, iconsDir } from '../../scripts/draw-icons';
import { overlayPng } from '../../src/main/shell/overlay-image';

const root = join(import.meta.dirname, '..', '..');

/** Reads a PNG the strict way a decoder does: signature, chunk CRCs, header, and the pixels. */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let header: Buffer | null = null;
  const data: Buffer[] = [];
  let ended = false;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 4, at + 8 + length);
    const crc = png.readUInt32BE(at + 8 + length);
    assert.equal(crc, crc32(body), `${type} checksum`);
    if (type === 'IHDR') header = png.subarray(at + 8, at + 8 + length);
    if (type === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') ended = true;
    at += 12 + length;
  }
  assert.ok(header && ended);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  assert.deepEqual([header[8], header[9]], [8, 6], '8-bit RGBA');
  const rows = inflateSync(Buffer.concat(data));
  assert.equal(rows.length, (width * 4 + 1) * height);
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    assert.equal(rows[y * (width * 4 + 1)], 0, 'filter none');
    rows.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

function crc32(bytes: Uint8Array): number {
  // Node's own, independent of the encoder's table.
  return nodeCrc32(bytes);
}

const alphaAt = (image: { width: number; pixels: Buffer }, x: number, y: number) =>
  image.pixels[(y * image.width + x) * 4 + 3]!;

test('the committed tray and window icons are valid PNGs of their sizes, and exactly what the drawing makes', () => {
  const sizes: Record<string, number> = {
    'tray.png': 16,
    'tray@2x.png': 32,
    'trayTemplate.png': 16,
    'trayTemplate@2x.png': 32,
    'icon.png': 256,
  };
  for (const [name, drawn] of Object.entries(drawIcons())) {
    const file = join(iconsDir, name);
    assert.ok(existsSync(file), `${name} is committed`);
    const committed = readFileSync(file);
    assert.ok(committed.equals(drawn), `${name} is what scripts/draw-icons.ts draws (run it again)`);
    const image = decodePng(committed);
    assert.deepEqual([image.width, image.height], [sizes[name], sizes[name]], name);
  }
  // The macOS template is a black glyph on transparency; the tile is opaque in its middle.
  const template = decodePng(readFileSync(join(iconsDir, 'trayTemplate@2x.png')));
  for (let i = 0; i < template.pixels.length; i += 4) {
    if (template.pixels[i + 3]! > 0) assert.deepEqual([...template.pixels.subarray(i, i + 3)], [0, 0, 0]);
  }
  assert.equal(alphaAt(template, 0, 0), 0);
  assert.equal(alphaAt(decodePng(readFileSync(join(iconsDir, 'tray@2x.png'))), 16, 16), 255);
});

test('the built app carries the icons next to its main bundle', () => {
  for (const name of Object.keys(drawIcons())) {
    const built = join(root, 'out', 'main', 'icons', name);
    assert.ok(existsSync(built), `${built} (npm test builds it)`);
    assert.ok(readFileSync(built).equals(readFileSync(join(iconsDir, name))));
  }
});

test('the Windows overlay draws the number in white on a red disc, clear at the corners', () => {
  const one = decodePng(overlayPng('1'));
  const many = decodePng(overlayPng('99+'));
  assert.deepEqual([one.width, one.height], [32, 32]);
  assert.equal(alphaAt(one, 0, 0), 0, 'transparent corner');
  const colours = (image: { pixels: Buffer }) => {
    let white = 0;
    let red = 0;
    for (let i = 0; i < image.pixels.length; i += 4) {
      const [r, g, b, a] = image.pixels.subarray(i, i + 4);
      if (a !== 255) continue;
      if (r === 255 && g === 255 && b === 255) white++;
      else if (r! > 200 && g! < 80 && b! < 80) red++;
    }
    return { white, red };
  };
  const a = colours(one);
  const b = colours(many);
  assert.ok(a.red > 400 && a.white > 20, JSON.stringify(a));
  assert.ok(b.white > a.white, 'three glyphs draw more white than one');
  assert.ok(!overlayPng('1').equals(overlayPng('7')));
});
