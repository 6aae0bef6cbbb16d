import { resolveHttpUrl } from '../feeds/resolve-url';

export interface WebLink {
  href: string;
  /** Lower-cased relation types (one link may carry several: rel="hub self"). */
  rels: string[];
}

/** Longest header value read: a Link header is a few hundred bytes; anything past this is not discovery. */
const maxLength = 16 * 1024;

/**
 * Parses HTTP `Link` header values (RFC 8288) into links with absolute URLs,
 * resolved against the URL the response came from (after redirects).
 *
 * Takes every header line (fetch joins repeated headers with ", ", so several
 * headers read as one), several links per line, `rel` quoted or not and in any
 * case, several relation types in one value, and only the first `rel` of a
 * link (§3.3). It is lenient where hubs and servers are sloppy in the wild: a
 * missing ";" before a parameter (idno/idno#771), single quotes, a missing ","
 * between links, a URI without its angle brackets, stray separators. A link
 * whose `anchor` names another resource is about that resource, not this one,
 * so it is left out. A linear scan: no backtracking on hostile input.
 */
export function parseLinkHeader(value: string | null | undefined, baseUrl: string): WebLink[] {
  if (!value) return [];
  const text = value.length > maxLength ? value.slice(0, maxLength) : value;
  const links: WebLink[] = [];
  let i = 0;
  const n = text.length;
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  const skipSpace = () => {
    while (i < n && isSpace(text[i])) i++;
  };

  while (i < n) {
    while (i < n && (isSpace(text[i]) || text[i] === ',' || text[i] === ';')) i++;
    if (i >= n) break;

    // The target: <uri>, or (sloppy) a bare URI up to the first separator.
    let target: string;
    if (text[i] === '<') {
      const close = text.indexOf('>', i + 1);
      const end = close === -1 ? n : close;
      target = text.slice(i + 1, end);
      i = close === -1 ? n : close + 1;
    } else {
      const start = i;
      while (i < n && text[i] !== ';' && text[i] !== ',' && !isSpace(text[i])) i++;
      target = text.slice(start, i);
    }

    // Parameters, until a "," (or a "<" where a comma was forgotten) starts the next link.
    let rel: string | null = null;
    let anchor: string | null = null;
    for (;;) {
      skipSpace();
      if (text[i] === ';') {
        i++;
        skipSpace();
      }
      if (i >= n || text[i] === ',' || text[i] === '<') break;
      const nameStart = i;
      while (i < n && !'=;,<'.includes(text[i]!) && !isSpace(text[i])) i++;
      const name = text.slice(nameStart, i).toLowerCase();
      skipSpace();
      let paramValue = '';
      if (text[i] === '=') {
        i++;
        skipSpace();
        const quote = text[i];
        if (quote === '"' || quote === "'") {
          i++;
          let out = '';
          while (i < n && text[i] !== quote) {
            if (text[i] === '\\' && i + 1 < n) i++;
            out += text[i];
            i++;
          }
          i++; // the closing quote (or the end)
          paramValue = out;
        } else {
          const start = i;
          while (i < n && text[i] !== ';' && text[i] !== ',' && !isSpace(text[i])) i++;
          paramValue = text.slice(start, i);
        }
      }
      // Only the first occurrence of a parameter counts (RFC 8288 §3.3).
      if (name === 'rel' && rel === null) rel = paramValue;
      else if (name === 'anchor' && anchor === null) anchor = paramValue;
      if (i === nameStart) i++; // nothing consumed: skip the odd character
    }

    if (rel === null) continue;
    // <> is a same-document reference: the resource itself.
    const href = resolveHttpUrl(target.trim() === '' ? baseUrl : target, baseUrl);
    if (!href || !aboutThisResource(anchor, baseUrl)) continue;
    const rels = rel.toLowerCase().split(/\s+/).filter(Boolean);
    if (rels.length > 0) links.push({ href, rels });
  }
  return links;
}

/** A link's context is the resource itself unless `anchor` points elsewhere (RFC 8288 §3.2). */
function aboutThisResource(anchor: string | null, baseUrl: string): boolean {
  if (anchor === null || anchor.trim() === '') return true;
  try {
    const context = new URL(anchor.trim(), baseUrl);
    const self = new URL(baseUrl);
    context.hash = '';
    self.hash = '';
    return context.href === self.href;
  } catch {
    return false;
  }
}
