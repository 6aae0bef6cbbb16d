import iconv from 'iconv-lite';
import { decodeEbcdic, ebcdicPage, looksLikeEbcdicXml } from './ebcdic';

/**
 * Bytes to text with the charset the document meant: a byte-order mark first,
 * then the Content-Type header, then the XML prolog, then an HTML <meta>. With
 * none of them, UTF-16/32 without a BOM is recognised by its zero bytes around
 * the first '<' or '{' (XML 1.0 Appendix F), and EBCDIC by its "<?xm" bytes.
 * ISO-8859-1 and ASCII labels are decoded as Windows-1252, as browsers do
 * (WHATWG Encoding), so its curly quotes survive. UTF-8 that only the document
 * itself claims (or nobody does) keeps its valid sequences and reads each stray
 * byte as Windows-1252 (a feed pasted together from two sources); a UTF-8 the
 * server's header names is held to it, as browsers do. Unknown charset names
 * fall back to UTF-8 rather than failing.
 */
export function decodeBody(body: Buffer | Uint8Array, contentType: string | null): string {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const bom = byteOrderMark(bytes);
  if (bom) return iconv.decode(bytes.subarray(bom.length), bom.encoding);
  const fromHeader = headerCharset(contentType);
  if (!fromHeader && looksLikeEbcdicXml(bytes)) {
    const head = decodeEbcdic(bytes.subarray(0, 200), 'cp037');
    const declared = /\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
    return decodeEbcdic(bytes, (declared && ebcdicPage(declared)) ?? 'cp037');
  }
  const declared = fromHeader ?? documentCharset(bytes);
  const sniffed = declared && !/^(utf-?16|utf-?32|ucs-?2)/.test(declared) ? null : wideEncoding(bytes);
  if (sniffed) return iconv.decode(bytes, sniffed);
  const charset = declared ? browserCharset(declared) : null;
  const ebcdic = charset ? ebcdicPage(charset) : null;
  if (ebcdic) return decodeEbcdic(bytes, ebcdic);
  if (charset && charset !== 'utf-8' && iconv.encodingExists(charset)) return iconv.decode(bytes, charset);
  if (fromHeader && charset === 'utf-8') return bytes.toString('utf8');
  return utf8WithStrayBytes(bytes);
}

/** The charset a document names, from the Content-Type header, else its own XML prolog or <meta>. */
export function charsetOf(body: Buffer, contentType: string | null): string | null {
  return headerCharset(contentType) ?? documentCharset(body);
}

function headerCharset(contentType: string | null): string | null {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  return fromHeader ? fromHeader.toLowerCase() : null;
}

function documentCharset(body: Buffer): string | null {
  // Declarations are ASCII and come first: reading the head as latin1 never throws.
  const head = body.subarray(0, 2048).toString('latin1');
  const fromProlog = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  if (fromProlog) return fromProlog.toLowerCase();
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  return fromMeta ? fromMeta.toLowerCase() : null;
}

function byteOrderMark(b: Buffer): { encoding: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { encoding: 'utf-32le', length: 4 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 or UTF-32 without a BOM, told by where the zero bytes of an ASCII first character fall. */
function wideEncoding(b: Buffer): string | null {
  if (b.length < 4) return null;
  const zero = [b[0] === 0, b[1] === 0, b[2] === 0, b[3] === 0];
  if (zero[0] && zero[1] && zero[2] && !zero[3]) return 'utf-32be';
  if (!zero[0] && zero[1] && zero[2] && zero[3]) return 'utf-32le';
  if (zero[0] && !zero[1] && zero[2] && !zero[3]) return 'utf-16be';
  if (!zero[0] && zero[1] && !zero[2] && zero[3]) return 'utf-16le';
  return null;
}

/** The WHATWG Encoding Standard's reading of the labels that matter here. */
function browserCharset(label: string): string {
  if (/^(iso[-_]?8859[-_]1|latin-?1|l1|us-ascii|ascii|iso-ir-100|cp819|ibm819|csisolatin1|x-cp1252)$/.test(label)) {
    return 'windows-1252';
  }
  if (label === 'utf8' || label === 'unicode-1-1-utf-8') return 'utf-8';
  // Labels Python's codecs know (feeds were written against them) under iconv-lite's names.
  if (label === 'cp-is' || label === 'cp_is') return 'cp861';
  const mac = /^x-mac-?(\w+)$/.exec(label)?.[1];
  if (mac) return mac === 'roman' ? 'macintosh' : `mac${mac}`;
  return label;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252High = iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i)), 'windows-1252');

/** UTF-8, with each byte that starts no valid sequence read as Windows-1252: one pass, linear. */
function utf8WithStrayBytes(bytes: Buffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // Some byte is not UTF-8: decode the valid runs and map the strays one by one.
  }
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (i > start) parts.push(bytes.toString('utf8', start, i));
    parts.push(windows1252High[bytes[i]! - 0x80] ?? '\ufffd');
    start = ++i;
  }
  if (start < bytes.length) parts.push(bytes.toString('utf8', start));
  return parts.join('');
}

/** The length of the well-formed UTF-8 sequence at i (Unicode Table 3-7), or 0 when there is none. */
function utf8SequenceLength(b: Buffer, i: number): number {
  const first = b[i]!;
  if (first < 0x80) return 1;
  const cont = (at: number, low = 0x80, high = 0xbf) => at < b.length && b[at]! >= low && b[at]! <= high;
  if (first >= 0xc2 && first <= 0xdf) return cont(i + 1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const low = first === 0xe0 ? 0xa0 : 0x80;
    const high = first === 0xed ? 0x9f : 0xbf;
    return cont(i + 1, low, high) && cont(i + 2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const low = first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xf4 ? 0x8f : 0xbf;
    return cont(i + 1, low, high) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}
