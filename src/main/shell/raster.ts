/**
 * Tiny raster drawing and PNG encoding, enough for the Windows taskbar overlay
 * (a number on a disc, drawn at run time) and for making the tray icons. Shapes
 * are coverage functions, sampled 4x4 per pixel for smooth edges.
 */
import { deflateSync } from 'node:zlib';

export type Rgba = readonly [number, number, number, number];
/** True where a point (in pixels, 0..size) is inside the shape. */
export type Shape = (x: number, y: number) => boolean;

export interface Raster {
  width: number;
  height: number;
  /** Straight (not premultiplied) RGBA, row by row. */
  pixels: Uint8Array;
}

export function createRaster(width: number, height: number): Raster {
  return { width, height, pixels: new Uint8Array(width * height * 4) };
}

const samples = 4;

/** Paints `color` over the raster wherever `shape` covers it (source-over). */
export function fill(raster: Raster, shape: Shape, color: Rgba): void {
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (shape(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples)) hits++;
        }
      }
      if (hits === 0) continue;
      const alpha = (color[3] / 255) * (hits / (samples * samples));
      const at = (y * raster.width + x) * 4;
      const p = raster.pixels;
      const below = p[at + 3]! / 255;
      const out = alpha + below * (1 - alpha);
      for (let c = 0; c < 3; c++) {
        p[at + c] = Math.round((color[c]! * alpha + p[at + c]! * below * (1 - alpha)) / out);
      }
      p[at + 3] = Math.round(out * 255);
    }
  }
}

export const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

export const box =
  (left: number, top: number, width: number, height: number): Shape =>
  (x, y) =>
    x >= left && x < left + width && y >= top && y < top + height;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG of the raster. */
export function encodePng(raster: Raster): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(raster.width, 0);
  header.writeUInt32BE(raster.height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const stride = raster.width * 4;
  const rows = Buffer.alloc((stride + 1) * raster.height);
  for (let y = 0; y < raster.height; y++) {
    rows[y * (stride + 1)] = 0; // filter: none
    rows.set(raster.pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
