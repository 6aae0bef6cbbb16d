/** Web pages shaped like real article pages, for the reader view's tests and the bench. */

const paragraph = (i: number) =>
  `<p>Paragraph ${i}. The harbour commission met on Tuesday to weigh the plan for the new breakwater, which engineers say will shelter the inner moorings from the winter swell; fishermen asked for the work to start after the herring season, and the chair promised a decision by spring.</p>`;

/** A news page: navigation, an article with a byline, relative links and images, a footer and scripts. */
export function articlePage(title: string, paragraphs = 12, extraHead = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Harbour Times</title>
<meta name="author" content="Ada Lovelace">${extraHead}</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By Ada Lovelace</p>
<figure><img src="images/breakwater.jpg" alt="The breakwater"><figcaption>The old breakwater.</figcaption></figure>
${Array.from({ length: paragraphs }, (_, i) => paragraph(i + 1)).join('\n')}
<p>Read the <a href="../reports/breakwater.html">engineers' report</a>.</p>
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Ferry delays</a></li><li><a href="/b">Tide tables</a></li></ul></aside>
<footer>© Harbour Times <a href="/privacy">Privacy</a></footer>
<script>document.title = 'tracked';</script><script src="/ads.js"></script></body></html>`;
}

/** A paywalled page: the opening paragraph and the schema.org markup publishers add for search engines. */
export function paywallPage(title: string): string {
  const markup = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${title}","isAccessibleForFree":false,"hasPart":{"@type":"WebPageElement","isAccessibleForFree":false,"cssSelector":".paywall"}}</script>`;
  return `<!doctype html><html><head><title>${title}</title>${markup}</head><body><article><h1>${title}</h1>
<p>The harbour commission met on Tuesday to weigh the plan for the new breakwater, and what it decided will surprise many.</p>
<div class="paywall"><p>Subscribe to keep reading.</p></div></article></body></html>`;
}

/** A page with nothing to read: a gallery of links. */
export function linksPage(): string {
  return `<!doctype html><html><head><title>Index</title></head><body><ul>${Array.from(
    { length: 30 },
    (_, i) => `<li><a href="/p${i}">Item ${i}</a></li>`,
  ).join('')}</ul></body></html>`;
}
