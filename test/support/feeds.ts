/** Small feed documents built in code, for tests that need many or changing feeds. */

export interface EntrySpec {
  id: string;
  title: string;
  link?: string;
  published?: string;
  content?: string;
}

export function rss(title: string, items: EntrySpec[], extraChannel = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>${title}</title>
<link>https://example.org/</link>
<description>Test feed</description>
${extraChannel}
${items
  .map(
    (item) => `<item>
  <title>${item.title}</title>
  <link>${item.link ?? `https://example.org/${item.id}`}</link>
  <guid isPermaLink="false">${item.id}</guid>
  ${item.published ? `<pubDate>${new Date(item.published).toUTCString()}</pubDate>` : ''}
  <description><![CDATA[${item.content ?? `<p>${item.title}</p>`}]]></description>
</item>`,
  )
  .join('\n')}
</channel>
</rss>`;
}

export function atom(title: string, entries: EntrySpec[], links = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${title}</title>
<id>urn:test:${encodeURIComponent(title)}</id>
<updated>2026-01-01T00:00:00Z</updated>
${links}
${entries
  .map(
    (entry) => `<entry>
  <id>${entry.id}</id>
  <title>${entry.title}</title>
  <link rel="alternate" href="${entry.link ?? `https://example.org/${entry.id}`}"/>
  <updated>${entry.published ?? '2026-01-01T00:00:00Z'}</updated>
  <content type="html"><![CDATA[${entry.content ?? `<p>${entry.title}</p>`}]]></content>
</entry>`,
  )
  .join('\n')}
</feed>`;
}

/**
 * An Atom feed as small per entry as Atom allows (ids `${prefix}${n}`), so a
 * 100,000-entry fat ping (9.6 MB) fits under the 10 MB delivery cap.
 */
export function compactAtom(count: number, prefix: string): string {
  const body: string[] = [];
  for (let i = 0; i < count; i++) {
    body.push(`<entry><id>${prefix}${i}</id><title>${i}</title><updated>2026-01-01T00:00:00Z</updated></entry>`);
  }
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Big</title><id>big</id><updated>2026-01-01T00:00:00Z</updated>${body.join('')}</feed>`;
}
