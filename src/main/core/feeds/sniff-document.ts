export type DocumentKind = 'feed' | 'html' | 'other';

/**
 * What a body is, from its first element rather than its Content-Type, which
 * feeds get wrong all the time (text/html feeds, application/octet-stream).
 */
export function sniffDocument(text: string): DocumentKind {
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '')
    .trimStart();
  if (/^<!doctype\s+html/i.test(head) || /^<(html|head|body)[\s>]/i.test(head)) return 'html';
  const root = /^(?:<!DOCTYPE[^>]*>\s*)?<([\w:.-]+)/.exec(head)?.[1]?.toLowerCase();
  if (root === 'rss' || root === 'feed' || root === 'rdf:rdf' || root === 'rdf') return 'feed';
  if (root && /^(html|head|body|div|p|title|meta)$/.test(root)) return 'html';
  return 'other';
}
