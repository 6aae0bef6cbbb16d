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
  if (
    /<meta[^>]+content=["'](?:premium|subscriber|locked|metered)["'][^>]*>/i.test(head) &&
    /paywall|subscri/i.test(head)
  ) {
    return true;
  }
  return /\b(?:class|id)=["'][^"']*\b(?:paywall|piano-offer|subscriber-only|premium-content|article-locked|tp-modal)\b/i.test(
    head,
  );
}

/** Under this much text, with the signs above, the page is a paywall's teaser rather than the article. */
export const teaserLength = 1_500;
