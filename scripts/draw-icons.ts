/**
 * Draws Tidings' icons into resources/ (committed; run again after changing the
 * drawing: `npx tsx scripts/draw-icons.ts`). The mark is the feed sign, a dot
 * and two arcs: white on a blue tile for trays and windows, and a black
 * "template" glyph for the macOS menu bar, which tints it for light and dark.
 * A test checks the committed files are what this draws.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRaster, encodePng, fill, type Shape } from '../src/main/shell/raster';

/** The feed sign in a unit square, placed at (left, top) with side `side` px. */
function feedSign(left: number, top: number, side: number): Shape {
  const ox = 0.16;
  const oy = 0.84;
  const rings: Array<[number, number]> = [
    [0.36, 0.5],
    [0.62, 0.76],
  ];
  return (px, py) => {
    const x = (px - left) / side;
    const y = (py - top) / side;
    const d = Math.hypot(x - ox, y - oy);
    if (d <= 0.12) return true;
    if (x < ox - 0.001 || y > oy + 0.001) return false;
    return rings.some(([inner, outer]) => d >= inner && d <= outer);
  };
}

function roundedTile(size: number, radius: number): Shape {
  return (x, y) => {
    const dx = Math.max(radius - x, 0, x - (size - radius));
    const dy = Math.max(radius - y, 0, y - (size - radius));
    return dx * dx + dy * dy <= radius * radius;
  };
}

function tile(size: number): Buffer {
  const raster = createRaster(size, size);
  fill(raster, roundedTile(size, size * 0.22), [26, 115, 232, 255]);
  const side = size * 0.62;
  fill(raster, feedSign((size - side) / 2, (size - side) / 2, side), [255, 255, 255, 255]);
  return encodePng(raster);
}

function template(size: number): Buffer {
  const raster = createRaster(size, size);
  const side = size * 0.88;
  fill(raster, feedSign((size - side) / 2, (size - side) / 2, side), [0, 0, 0, 255]);
  return encodePng(raster);
}

/** Every icon file, by name. `@2x` files are picked up by Electron for high-density screens. */
export function drawIcons(): Record<string, Buffer> {
  return {
    'tray.png': tile(16),
    'tray@2x.png': tile(32),
    'trayTemplate.png': template(16),
    'trayTemplate@2x.png': template(32),
    'icon.png': tile(256),
  };
}

export const iconsDir = join(import.meta.dirname, '..', 'resources');

if (process.argv[1] === import.meta.filename) {
  for (const [name, png] of Object.entries(drawIcons())) writeFileSync(join(iconsDir, name), png);
}
