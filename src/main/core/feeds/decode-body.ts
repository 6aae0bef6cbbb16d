import iconv from 'iconv-lite';

/**
 * Bytes to text with the charset the document meant: a byte-order mark first,
 * then the Content-Type header, then the XML prolog, then an HTML <meta>, then
 * UTF-8. Unknown charset names fall back to UTF-8 rather than failing.
 */
export function decodeBody(body: Buffer, contentType: string | null): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return body.subarray(3).toString('utf8');
  if (body[0] === 0xff && body[1] === 0xfe) return iconv.decode(body.subarray(2), 'utf-16le');
  if (body[0] === 0xfe && body[1] === 0xff) return iconv.decode(body.subarray(2), 'utf-16be');
  const charset = charsetOf(body, contentType);
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && iconv.encodingExists(charset)) {
    return iconv.decode(body, charset);
  }
  return body.toString('utf8');
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
