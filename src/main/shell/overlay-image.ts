/**
 * The Windows taskbar overlay: the unread number in white on a red disc, drawn
 * at run time as a PNG (32 px, shown at 16 on a normal screen). Windows has no
 * badge count of its own (app.setBadgeCount is macOS and Linux only).
 */
import { box, createRaster, disc, encodePng, fill, type Shape } from './raster';

/** A 3x5 pixel font: the digits and "+", one string of rows per glyph. */
const glyphs: Record<string, string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
};

export const overlaySize = 32;

/** The text drawn with the font, centred on a square of `size` px. */
function textShape(text: string, size: number): Shape {
  const chars = [...text].filter((c) => glyphs[c]);
  const units = chars.length * 4 - 1; // 3 wide plus a gap
  const scale = Math.max(1, Math.floor(Math.min((size * 0.72) / units, (size * 0.5) / 5)));
  const left = (size - units * scale) / 2;
  const top = (size - 5 * scale) / 2;
  const pixels: Shape[] = [];
  chars.forEach((c, i) =>
    glyphs[c]!.forEach((row, y) =>
      [...row].forEach((cell, x) => {
        if (cell === '#') pixels.push(box(left + (i * 4 + x) * scale, top + y * scale, scale, scale));
      }),
    ),
  );
  return (x, y) => pixels.some((p) => p(x, y));
}

/** A PNG of `text` (digits, "+") on a red disc. */
export function overlayPng(text: string): Buffer {
  const raster = createRaster(overlaySize, overlaySize);
  const half = overlaySize / 2;
  fill(raster, disc(half, half, half - 0.5), [217, 48, 37, 255]);
  fill(raster, textShape(text, overlaySize), [255, 255, 255, 255]);
  return encodePng(raster);
}
