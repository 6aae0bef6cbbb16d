import { xmlFeedRoots } from './formats/xml-feed';

/** `feed`: RSS, Atom or RDF; `json`: any JSON (a JSON Feed says so in its version); `html`: a web page. */
export type DocumentKind = 'feed' | 'json' | 'html' | 'other';

const htmlRoots = new Set(['html', 'head', 'body', 'div', 'p', 'title', 'meta', 'link', 'script', 'main', 'article']);
const sniffWindow = 64 * 1024;

/**
 * What a body is, from its first element rather than its Content-Type, which
 * feeds get wrong all the time (text/html feeds, application/octet-stream).
 * Declarations, comments, processing instructions and a DTD (with its
 * internal subset) are skipped by plain index scans: linear, whatever comes.
 */
export function sniffDocument(text: string): DocumentKind {
  const head = text.slice(0, sniffWindow);
  let i = 0;
  const n = head.length;
  while (i < n) {
    const c = head.charCodeAt(i);
    if (c === 0xfeff || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) return 'json';
    if (c !== 0x3c /* < */) {
      // Text before any tag: junk some servers prepend to a feed; look for the first tag.
      const next = head.indexOf('<', i);
      if (next === -1) return 'other';
      i = next;
      continue;
    }
    if (head.startsWith('<?', i)) i = after(head, '?>', i);
    else if (head.startsWith('<!--', i)) i = after(head, '-->', i);
    else if (head.startsWith('<!', i)) {
      if (/^<!doctype\s+html/i.test(head.slice(i, i + 20))) return 'html';
      i = afterDoctype(head, i);
    } else {
      const name = /^<([A-Za-z_][\w:.-]*)/.exec(head.slice(i, i + 200))?.[1]?.toLowerCase();
      if (!name) return 'other';
      const local = name.slice(name.indexOf(':') + 1);
      if (xmlFeedRoots.has(local)) return 'feed';
      return htmlRoots.has(local) ? 'html' : 'other';
    }
    if (i === -1) return 'other';
  }
  return 'other';
}

function after(text: string, end: string, from: number): number {
  const at = text.indexOf(end, from);
  return at === -1 ? -1 : at + end.length;
}

/** A <!DOCTYPE …> may hold an internal subset in brackets, itself full of '>'. */
function afterDoctype(text: string, from: number): number {
  const bracket = text.indexOf('[', from);
  const close = text.indexOf('>', from);
  if (close === -1) return -1;
  if (bracket === -1 || bracket > close) return close + 1;
  const end = text.indexOf(']', bracket);
  return end === -1 ? -1 : after(text, '>', end);
}
