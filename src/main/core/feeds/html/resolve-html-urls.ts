/** Attributes that hold one URL, on any element. */
const urlAttributes = new Set([
  'href',
  'src',
  'poster',
  'cite',
  'background',
  'longdesc',
  'lowsrc',
  'dynsrc',
  'usemap',
  'xlink:href',
  'data',
  'codebase',
  'manifest',
  'profile',
  'icon',
]);

/** Schemes that run code or reach outside the web when a reader follows or loads them. */
const unsafeScheme = /^\s*(?:javascript|vbscript|livescript|mocha|file|data|blob|filesystem|about|jar|view-source):/i;
const dataImage = /^\s*data:image\/(?:png|gif|jpe?g|webp|avif|bmp);/i;

/**
 * A URL attribute resolved against the base; null when it must go (a script
 * URL). Only `data:image/…` in `src` survives among data URLs (inline images).
 */
export function resolveUrlAttribute(element: string, attribute: string, value: string, base: string): string | null {
  if (!urlAttributes.has(attribute)) return value;
  if (attribute === 'data' && element !== 'object') return value;
  const trimmed = value.trim();
  if (unsafeScheme.test(stripControls(trimmed))) {
    return attribute === 'src' && dataImage.test(trimmed) ? trimmed : null;
  }
  return resolveAgainst(trimmed, base);
}

/** Every candidate URL of a srcset resolved, descriptors kept (HTML's srcset parsing, simplified but linear). */
export function resolveSrcset(value: string, base: string): string | null {
  const candidates: string[] = [];
  let i = 0;
  const n = value.length;
  while (i < n) {
    while (i < n && (isSpace(value[i]!) || value[i] === ',')) i++;
    if (i >= n) break;
    let start = i;
    while (i < n && !isSpace(value[i]!)) i++;
    let url = value.slice(start, i);
    let descriptor = '';
    if (url.endsWith(',')) {
      let end = url.length;
      while (end > 0 && url[end - 1] === ',') end--;
      url = url.slice(0, end);
    } else {
      start = i;
      while (i < n && value[i] !== ',') i++;
      descriptor = value.slice(start, i).trim();
    }
    if (!url || unsafeScheme.test(stripControls(url))) continue;
    candidates.push(descriptor ? `${resolveAgainst(url, base)} ${descriptor}` : resolveAgainst(url, base));
  }
  return candidates.length ? candidates.join(', ') : null;
}

function resolveAgainst(url: string, base: string): string {
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}

/** Browsers ignore tabs, newlines and other controls inside a scheme ("java\tscript:"). */
function stripControls(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]+/g, '');
}
