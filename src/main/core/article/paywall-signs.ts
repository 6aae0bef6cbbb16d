/**
 * Signs in a page's HTML that the article is for subscribers: the schema.org
 * markup publishers use to tell search engines so (`"isAccessibleForFree":
 * false`), and the element names paywall scripts hang the teaser on. Either one
 * counts only when little text came through: many pages carry the markup and
 * still serve the whole article.
 */
export function hasPaywallSigns(html: string): boolean {
  const head = html.slice(0, 2 * 1024 * 1024);
  if (/["']?isAccessibleForFree["']?\s*:\s*["']?false\b/i.test(head)) return true;
  if (hasPaywallMeta(head) && /paywall|subscri/i.test(head)) return true;
  return /\b(?:class|id)=["'][^"']*\b(?:paywall|piano-offer|subscriber-only|premium-content|article-locked|tp-modal)\b/i.test(
    head,
  );
}

/**
 * A `<meta ... content="premium|subscriber|locked|metered">`, found tag by tag
 * in one forward scan. The regex it replaces (`<meta[^>]+content=...`) went
 * quadratic on openers without a `>`: 120 KB of `<meta ` took 730 ms on the
 * main thread, and a page may bring 2 MB of them.
 */
function hasPaywallMeta(head: string): boolean {
  const lower = head.toLowerCase();
  for (let at = lower.indexOf('<meta'); at !== -1;) {
    const end = lower.indexOf('>', at);
    if (end === -1) return false; // no tag closes after this: none to read
    if (/\bcontent=["'](?:premium|subscriber|locked|metered)["']/.test(lower.slice(at, end))) return true;
    at = lower.indexOf('<meta', end);
  }
  return false;
}

/** Under this much text, with the signs above, the page is a paywall's teaser rather than the article. */
export const teaserLength = 1_500;
