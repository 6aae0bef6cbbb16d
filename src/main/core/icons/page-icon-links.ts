import { Parser } from 'htmlparser2';
import { resolveHttpUrl } from '../feeds/resolve-url';
import { sizeDistance } from './read-image';

export interface PageIcon {
  href: string;
  /** Lower is better: how far its size is from the one the sidebar wants. */
  distance: number;
}

const iconRels = new Set(['icon', 'apple-touch-icon', 'apple-touch-icon-precomposed']);

const maxSizesLength = 256;

/** The largest edge a `sizes` attribute names ("16x16 32x32"), Infinity for "any", null when absent. */
function largestSize(given: string | undefined): number | null {
  if (!given) return null;
  // Real ones are a few sizes long. Bounded first: on a run of digits the pattern below tries each start
  // against the whole run (40,000 digits: 1.8 s).
  const sizes = given.slice(0, maxSizesLength);
  if (/\bany\b/i.test(sizes)) return Infinity;
  const edges = [...sizes.matchAll(/(\d{1,5})\s*[x×]\s*(\d{1,5})/gi)].map((m) => Math.max(Number(m[1]), Number(m[2])));
  return edges.length > 0 ? Math.max(...edges) : null;
}

function distanceOf(rel: string[], href: string, type: string, sizes: string | undefined): number {
  const scalable = type === 'image/svg+xml' || /\.svgz?(\?|#|$)/i.test(href);
  // An SVG draws sharp at any size and is usually small; a sized bitmap near 32 px is as good.
  if (scalable) return 8;
  const size = largestSize(sizes);
  if (size !== null && Number.isFinite(size)) return sizeDistance(size);
  // Unsized: touch icons are 180 px by convention, a plain icon is usually a 16/32 px favicon.
  return rel.includes('icon') ? sizeDistance(32) + 4 : sizeDistance(180);
}

/**
 * The icons a page's <head> names (`<link rel="icon">`, `shortcut icon`,
 * `apple-touch-icon`), best first, resolved against the page and its <base>.
 * `mask-icon` is left out: it is a one-colour silhouette meant to be tinted.
 */
export function pageIconLinks(html: string, pageUrl: string): PageIcon[] {
  const found: PageIcon[] = [];
  let base = pageUrl;
  let done = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (done) return;
        if (name === 'body') {
          done = true;
          return;
        }
        if (name === 'base' && attributes.href) base = resolveHttpUrl(attributes.href, pageUrl) ?? base;
        if (name !== 'link' || !attributes.href) return;
        const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        if (!rel.some((r) => iconRels.has(r))) return;
        const href = resolveHttpUrl(attributes.href, base);
        if (!href) return;
        const type = (attributes.type ?? '').toLowerCase().trim();
        found.push({ href, distance: distanceOf(rel, href, type, attributes.sizes) });
      },
      onclosetag(name) {
        if (name === 'head') done = true;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html.slice(0, 1024 * 1024));
  parser.end();
  // Stable: among equals the page's own order wins.
  return found
    .map((icon, index) => ({ icon, index }))
    .sort((a, b) => a.icon.distance - b.icon.distance || a.index - b.index)
    .map(({ icon }) => icon);
}

/**
 * Every place to look, in order: the feed's own icon, the site page's, then the
 * site's /favicon.ico. (Not the feed host's: a feed served by a feed service
 * would get the service's icon.)
 */
export function iconCandidates(feedIcon: string | null, pageIcons: readonly PageIcon[], siteUrl: string): string[] {
  const urls = [
    ...(feedIcon ? [feedIcon] : []),
    ...pageIcons.map((icon) => icon.href),
    new URL('/favicon.ico', siteUrl).href,
  ];
  return [...new Set(urls)];
}
