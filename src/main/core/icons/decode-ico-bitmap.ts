/**
 * The pixels of a bitmap entry of an .ico file (a DIB with no file header, its
 * height doubled to cover the AND mask after the colours), as RGBA rows top
 * first. Covers what favicon.ico files hold: 1, 4 and 8 bits with a palette,
 * 24 bits, and 32 bits whose alpha is real or (in old files) all zero, when
 * the AND mask says what is transparent. Null for anything else.
 */

export interface Rgba {
  width: number;
  height: number;
  /** width * height * 4 bytes, rows top first. */
  data: Buffer;
}

/** Bigger bitmaps are no favicon; refusing them keeps a hostile header from asking for gigabytes. */
const maxEdge = 256;

export function decodeIcoBitmap(bytes: Buffer): Rgba | null {
  if (bytes.length < 40) return null;
  const headerSize = bytes.readUInt32LE(0);
  const width = bytes.readInt32LE(4);
  const height = bytes.readInt32LE(8) / 2;
  const bitCount = bytes.readUInt16LE(14);
  const compression = bytes.readUInt32LE(16);
  const colorsUsed = bytes.readUInt32LE(32);
  // BI_RGB, or BI_BITFIELDS with the usual masks (32 bits): anything else is compressed or exotic.
  if (headerSize < 40 || headerSize > bytes.length || (compression !== 0 && !(compression === 3 && bitCount === 32))) {
    return null;
  }
  if (!Number.isInteger(height) || width < 1 || height < 1 || width > maxEdge || height > maxEdge) return null;
  if (![1, 4, 8, 24, 32].includes(bitCount)) return null;

  const paletteAt = headerSize + (compression === 3 ? 12 : 0);
  const paletteSize = bitCount <= 8 ? colorsUsed || 1 << bitCount : 0;
  const pixelsAt = paletteAt + paletteSize * 4;
  const stride = Math.floor((bitCount * width + 31) / 32) * 4;
  const maskStride = Math.floor((width + 31) / 32) * 4;
  const maskAt = pixelsAt + stride * height;
  if (maskAt > bytes.length) return null;
  const hasMask = maskAt + maskStride * height <= bytes.length;

  const data = Buffer.alloc(width * height * 4);
  let anyAlpha = false;
  for (let y = 0; y < height; y++) {
    const row = pixelsAt + (height - 1 - y) * stride; // bottom-up
    for (let x = 0; x < width; x++) {
      const out = (y * width + x) * 4;
      if (bitCount >= 24) {
        const at = row + x * (bitCount / 8);
        data[out] = bytes[at + 2]!;
        data[out + 1] = bytes[at + 1]!;
        data[out + 2] = bytes[at]!;
        data[out + 3] = bitCount === 32 ? bytes[at + 3]! : 255;
        if (bitCount === 32 && bytes[at + 3]! > 0) anyAlpha = true;
      } else {
        const bit = x * bitCount;
        const index = (bytes[row + (bit >> 3)]! >> (8 - bitCount - (bit & 7))) & ((1 << bitCount) - 1);
        const at = paletteAt + Math.min(index, paletteSize - 1) * 4;
        if (at + 3 > bytes.length) return null;
        data[out] = bytes[at + 2]!;
        data[out + 1] = bytes[at + 1]!;
        data[out + 2] = bytes[at]!;
        data[out + 3] = 255;
      }
    }
  }
  // 32-bit pixels carry their own alpha, unless every one is 0 (files from before alpha): then the mask decides.
  if ((bitCount < 32 || !anyAlpha) && hasMask) {
    for (let y = 0; y < height; y++) {
      const row = maskAt + (height - 1 - y) * maskStride;
      for (let x = 0; x < width; x++) {
        const transparent = (bytes[row + (x >> 3)]! >> (7 - (x & 7))) & 1;
        data[(y * width + x) * 4 + 3] = transparent ? 0 : 255;
      }
    }
  } else if (bitCount === 32 && !anyAlpha) {
    for (let i = 3; i < data.length; i += 4) data[i] = 255;
  }
  return { width, height, data };
}
