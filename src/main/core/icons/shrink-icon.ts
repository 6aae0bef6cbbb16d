import { PNG } from 'pngjs';
import type { IconImage } from './read-image';
import { decodeIcoBitmap, type Rgba } from './decode-ico-bitmap';

/**
 * An icon as small as it can be kept: the sidebar draws 16 px (32 at 2x), but
 * sites hand out 180 px touch icons and 4 KB uncompressed .ico bitmaps, and
 * every icon travels in each listFeeds. PNGs larger than 32 px are scaled
 * down and .ico bitmaps become PNGs (pngjs: pure JS, no native build); the
 * result is kept only when it is smaller. Any other image (SVG, GIF, JPEG,
 * WebP, a PNG already small enough) and anything that fails to decode stays
 * as it came.
 */

const edge = 32;
/** Decoding is synchronous on the core's thread: bigger images are left alone (a 256 px PNG decodes in a few ms). */
const maxPixels = 256 * 256;

export function shrinkIcon(image: IconImage): IconImage {
  try {
    const pixels = decodeSmallEnough(image);
    if (!pixels) return image;
    const encoded = encodePng(fit(pixels));
    return encoded.length < image.data.length ? { mime: 'image/png', data: encoded } : image;
  } catch {
    return image; // a damaged image is the browser's to draw or not, as before
  }
}

function decodeSmallEnough(image: IconImage): Rgba | null {
  if (image.mime === 'image/png') {
    if (image.data.length < 24) return null;
    const width = image.data.readUInt32BE(16);
    const height = image.data.readUInt32BE(20);
    if (Math.max(width, height) <= edge || width * height > maxPixels) return null;
    const png = PNG.sync.read(untilEnd(image.data));
    return { width: png.width, height: png.height, data: png.data };
  }
  if (image.mime === 'image/x-icon') {
    // pickIcoImage leaves a bitmap as a one-image .ico: its one entry's data starts where the directory says.
    if (image.data.length < 22 || image.data.readUInt16LE(4) !== 1) return null;
    const offset = image.data.readUInt32LE(18);
    return decodeIcoBitmap(image.data.subarray(offset));
  }
  return null;
}

/** The PNG up to its IEND chunk: bytes some servers and tools leave after it make pngjs refuse the whole image. */
function untilEnd(data: Buffer): Buffer {
  let at = 8;
  while (at + 12 <= data.length) {
    const next = at + 12 + data.readUInt32BE(at);
    if (data.toString('latin1', at + 4, at + 8) === 'IEND') return data.subarray(0, next);
    at = next;
  }
  return data;
}

/** Scaled down (never up) to fit 32 px, each pixel the alpha-weighted mean of the ones it covers. */
function fit(source: Rgba): Rgba {
  const scale = edge / Math.max(source.width, source.height);
  if (scale >= 1) return source;
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * source.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * source.height) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * source.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * source.width) / width));
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const at = (sy * source.width + sx) * 4;
          const alpha = source.data[at + 3]!;
          r += source.data[at]! * alpha;
          g += source.data[at + 1]! * alpha;
          b += source.data[at + 2]! * alpha;
          a += alpha;
        }
      }
      const out = (y * width + x) * 4;
      const count = (y1 - y0) * (x1 - x0);
      data[out] = a ? Math.round(r / a) : 0;
      data[out + 1] = a ? Math.round(g / a) : 0;
      data[out + 2] = a ? Math.round(b / a) : 0;
      data[out + 3] = Math.round(a / count);
    }
  }
  return { width, height, data };
}

function encodePng({ width, height, data }: Rgba): Buffer {
  const png = new PNG({ width, height });
  data.copy(png.data);
  let opaque = true;
  for (let i = 3; i < data.length && opaque; i += 4) opaque = data[i] === 255;
  // No alpha channel when every pixel is opaque: a quarter fewer bytes to compress.
  return PNG.sync.write(png, { colorType: opaque ? 2 : 6, deflateLevel: 9 });
}
