/** Resolves a possibly relative href against a base; only http(s) results count. */
export function resolveHttpUrl(href: string, base: string): string | null {
  if (!href.trim()) return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
