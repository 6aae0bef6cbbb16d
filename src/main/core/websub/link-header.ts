import { resolveHttpUrl } from '../feeds/resolve-url';

export interface WebLink {
  href: string;
  /** Lower-cased relation types (one link may carry several: rel="hub self"). */
  rels: string[];
}

/**
 * Parses HTTP `Link` header values (RFC 8288) into links with absolute URLs.
 * Takes every header line (fetch joins repeated headers with ", ", and one line
 * may hold several links), accepts rel quoted or not and in any case, and is
 * lenient with what hubs send in the wild, such as a missing ";" before rel.
 */
export function parseLinkHeader(value: string | null | undefined, baseUrl: string): WebLink[] {
  if (!value) return [];
  const links: WebLink[] = [];
  // Each link starts with <uri>; its parameters run until the next "<" outside quotes.
  const pattern = /<([^>]*)>([^<]*)/g;
  for (let match = pattern.exec(value); match !== null; match = pattern.exec(value)) {
    const href = resolveHttpUrl(match[1]!.trim(), baseUrl);
    const rel = /(?:^|[;\s,])rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(match[2] ?? '');
    if (!href || !rel) continue;
    const rels = (rel[1] ?? rel[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    if (rels.length > 0) links.push({ href, rels });
  }
  return links;
}
