/**
 * Topic documents the test hub serves besides Atom and RSS: an HTML page
 * marked up with microformats2 h-feed/h-entry (as IndieWeb sites and
 * websub.rocks publish), and a JSON Feed 1.1 with its `hubs`. Own markup,
 * written for these tests.
 */
import type { EntrySpec } from './feeds';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface HFeedOptions {
  /** Raw markup for <head> (for example <link rel="hub">), where WebSub discovery looks. */
  head?: string;
  /** Raw markup at the start of <body>: a <link rel="hub"> here must be ignored (§8.1). */
  bodyStart?: string;
  /**
   * 'positional': entry URLs are fragments by position, newest first (#quote-0, #quote-1, ...),
   * as websub.rocks numbers its posts; 'notes': no u-url, no u-uid and no title of their own
   * (e-content p-name), as websub.rocks's subscriber pages mark up their quotes;
   * default: a stable fragment and a u-uid per entry.
   */
  ids?: 'stable' | 'positional' | 'notes';
  /** The page's own URL, for absolute u-url/u-uid values (fragments otherwise). */
  pageUrl?: string;
}

export function hfeed(title: string, entries: EntrySpec[], options: HFeedOptions = {}): string {
  const items = entries.map((entry, index) => {
    if (options.ids === 'notes') return note(entry);
    const fragment = options.ids === 'positional' ? `#quote-${index}` : `#${encodeURIComponent(entry.id)}`;
    const url = entry.link ?? (options.pageUrl ? `${options.pageUrl}${fragment}` : fragment);
    const uid = options.ids === 'positional' ? '' : `<data class="u-uid" value="${escapeHtml(entry.id)}"></data>`;
    const published = entry.published ?? '2026-01-01T00:00:00Z';
    return `  <article class="h-entry">
    <h2 class="p-name">${escapeHtml(entry.title)}</h2>
    ${uid}
    <div class="e-content">${entry.content ?? `<p>What the post says about ${escapeHtml(entry.title.toLowerCase())}.</p>`}</div>
    <footer>
      <a class="u-url" href="${escapeHtml(url)}"><time class="dt-published" datetime="${published}">${published}</time></a>
      by <span class="p-author h-card">Test Author</span>
    </footer>
  </article>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
${options.head ?? ''}
</head>
<body>
${options.bodyStart ?? ''}
<main class="h-feed">
  <h1 class="p-name">${escapeHtml(title)}</h1>
${items.join('\n')}
</main>
</body>
</html>`;
}

/** A note with nothing to key it by but its text: the entry's title is its whole content. */
function note(entry: EntrySpec): string {
  const published = entry.published ?? '2026-01-01T00:00:00Z';
  return `  <section class="content h-entry">
    <div class="e-content p-name">${escapeHtml(entry.title)}</div>
    <div class="p-author h-card">Test Author</div>
    <time class="dt-published" datetime="${published}">${published}</time>
  </section>`;
}

export interface JsonFeedOptions {
  /** `feed_url`: the topic (WebSub self) of a JSON Feed. */
  feedUrl?: string;
  /** Hubs, as `hubs: [{ "type": "WebSub", "url": ... }]` (a plain URL is a WebSub one). */
  hubs?: Array<string | { type: string; url: string }>;
}

export function jsonFeed(title: string, entries: EntrySpec[], options: JsonFeedOptions = {}): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title,
      home_page_url: 'https://example.org/',
      ...(options.feedUrl ? { feed_url: options.feedUrl } : {}),
      ...(options.hubs
        ? { hubs: options.hubs.map((hub) => (typeof hub === 'string' ? { type: 'WebSub', url: hub } : hub)) }
        : {}),
      items: entries.map((entry) => ({
        id: entry.id,
        url: entry.link ?? `https://example.org/${encodeURIComponent(entry.id)}`,
        title: entry.title,
        content_html: entry.content ?? `<p>${escapeHtml(entry.title)}</p>`,
        date_published: entry.published ?? '2026-01-01T00:00:00Z',
      })),
    },
    null,
    2,
  );
}
