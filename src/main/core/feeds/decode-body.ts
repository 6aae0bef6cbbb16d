import iconv from 'iconv-lite';

/**
 * Bytes to text with the charset the document meant: a byte-order mark first,
 * then the Content-Type header, then the XML prolog, then an HTML <meta>. With
 * none of them, UTF-16/32 without a BOM is recognised by its zero bytes around
 * the first '<' or '{' (XML 1.0 Appendix F), and bytes that are not valid
 * UTF-8 are read as Windows-1252. ISO-8859-1 and ASCII labels are decoded as
 * Windows-1252, as browsers do (WHATWG Encoding), so its curly quotes survive.
 * Unknown charset names fall back to UTF-8 rather than failing.
 */
export function decodeBody(body: Buffer | Uint8Array, contentType: string | null): string {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const bom = byteOrderMark(bytes);
  if (bom) return iconv.decode(bytes.subarray(bom.length), bom.encoding);
  const declared = charsetOf(bytes, contentType);
  const sniffed = declared && !/^(utf-?16|utf-?32|ucs-?2)/.test(declared) ? null : wideEncoding(bytes);
  if (sniffed) return iconv.decode(bytes, sniffed);
  const charset = declared ? browserCharset(declared) : null;
  if (charset && charset !== 'utf-8' && iconv.encodingExists(charset)) return iconv.decode(bytes, charset);
  if (!charset && !isUtf8(bytes)) return iconv.decode(bytes, 'windows-1252');
  return bytes.toString('utf8');
}

export function charsetOf(body: Buffer, contentType: string | null): string | null {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader) return fromHeader.toLowerCase();
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
  return label;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
