/**
 * What an icon's bytes really are, whatever the server's Content-Type says
 * (a /favicon.ico that is really a "not found" page is common), and the one
 * image of an .ico file worth keeping: favicon.ico files often carry five sizes
 * in 20-100 KB, while the sidebar draws one of about 32 px.
 */

export interface IconImage {
  mime: string;
  data: Buffer;
}

/** The image type of `bytes` by their signature, or null when they are no image a browser draws. */
export function sniffImage(bytes: Buffer): string | null {
  if (bytes.length < 4) return null;
  if (bytes[0] === 0x89 && bytes.toString('latin1', 1, 4) === 'PNG') return 'image/png';
  if (bytes.toString('latin1', 0, 4) === 'GIF8') return 'image/gif';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.readUInt32LE(0) === 0x00010000) return 'image/x-icon';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    return 'image/webp';
  }
  if (bytes.toString('latin1', 0, 2) === 'BM') return 'image/bmp';
  // SVG is text: an XML prolog, comments or a doctype may come before the root element.
  const head = bytes
    .subarray(0, 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return startsWithSvg(head) ? 'image/svg+xml' : null;
}

const space = /\s*/y;

/**
 * Whether `head` is whitespace, an optional XML prolog, comments and doctypes,
 * then an <svg> root: one pass with indexOf, as a regex with a comment group
 * under `*` tried every way of splitting a run of comments (exponential: 22
 * comments took 28 ms, the 146 that fit in 1 KB would never end).
 */
function startsWithSvg(head: string): boolean {
  const skipSpace = (at: number): number => {
    space.lastIndex = at;
    space.test(head);
    return space.lastIndex;
  };
  let at = skipSpace(0);
  if (head.slice(at, at + 5).toLowerCase() === '<?xml') {
    const end = head.indexOf('>', at);
    if (end < 0) return false;
    at = skipSpace(end + 1);
  }
  for (;;) {
    let end: number;
    if (head.startsWith('<!--', at)) {
      end = head.indexOf('-->', at + 4);
      if (end >= 0) end += 2;
    } else if (head.slice(at, at + 9).toUpperCase() === '<!DOCTYPE') {
      end = head.indexOf('>', at);
    } else break;
    if (end < 0) return false;
    at = skipSpace(end + 1);
  }
  return head.slice(at, at + 4).toLowerCase() === '<svg' && /^[\s>]/.test(head.charAt(at + 4));
}

interface IcoEntry {
  /** Where its 16-byte directory entry starts. */
  at: number;
  size: number;
  bitCount: number;
  offset: number;
  length: number;
}

/** Target edge in pixels: the sidebar's 16 px at 2x. */
const wanted = 32;

/** How far an edge is from the one wanted; too small counts double (it looks blurry), too big only costs bytes. */
export function sizeDistance(size: number): number {
  return size >= wanted ? size - wanted : (wanted - size) * 2;
}

function icoEntries(bytes: Buffer): IcoEntry[] {
  if (bytes.length < 6 || bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) return [];
  const count = bytes.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 16;
    if (at + 16 > bytes.length) break;
    const offset = bytes.readUInt32LE(at + 12);
    const length = bytes.readUInt32LE(at + 8);
    if (length === 0 || offset + length > bytes.length) continue;
    // A 0 in the width byte means 256.
    entries.push({ at, size: bytes[at]! || 256, bitCount: bytes.readUInt16LE(at + 6), offset, length });
  }
  return entries;
}

/**
 * An .ico file reduced to its one image nearest 32 px (the most colours among
 * equals): a PNG entry comes out as a PNG, a bitmap entry as a one-image .ico.
 * Null when the file holds no readable image.
 */
export function pickIcoImage(bytes: Buffer): IconImage | null {
  const entries = icoEntries(bytes);
  if (entries.length === 0) return null;
  const best = entries.reduce((a, b) => {
    const d = sizeDistance(a.size) - sizeDistance(b.size);
    return d < 0 || (d === 0 && a.bitCount >= b.bitCount) ? a : b;
  });
  const data = bytes.subarray(best.offset, best.offset + best.length);
  if (sniffImage(data) === 'image/png') return { mime: 'image/png', data: Buffer.from(data) };
  if (entries.length === 1) return { mime: 'image/x-icon', data: Buffer.from(bytes) };
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(1, 4);
  bytes.copy(header, 6, best.at, best.at + 12);
  header.writeUInt32LE(22, 18);
  return { mime: 'image/x-icon', data: Buffer.concat([header, data]) };
}

/** The bytes as the image to keep, or null when they are not an image. */
export function readIconImage(bytes: Buffer): IconImage | null {
  const mime = sniffImage(bytes);
  if (!mime) return null;
  if (mime === 'image/x-icon') return pickIcoImage(bytes);
  return { mime, data: bytes };
}
