import { escapeXml } from './xml-escape';

export interface SharedAtomEntry {
  atomId: string;
  title: string;
  link: string | null;
  author: string | null;
  note: string | null;
  summary: string;
  sourceTitle: string;
  sourceUrl: string | null;
  sourceSiteUrl: string | null;
  sharedAt: number;
}

export interface SharedAtomFeed {
  atomId: string;
  title: string;
  updatedAt: number;
  /** The topic: the document's own public URL. */
  selfUrl: string;
  /** Tidings's own hub first, then the external ones (subscribers take the first). */
  hubUrls: readonly string[];
  version: string;
  entries: readonly SharedAtomEntry[];
}

export const atomContentType = 'application/atom+xml; charset=utf-8';

const date = (ms: number) => new Date(ms).toISOString();
const attr = escapeXml;

/**
 * The shared feed as Atom (RFC 4287), written rather than templated: every
 * value from a feed or the user goes through the escaper. The output is a pure
 * function of its input, so a GET and a delivery of the same version carry the
 * same bytes (websub.rocks compares them).
 */
export function renderSharedAtom(feed: SharedAtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.atomId)}</id>`,
    `  <title type="text">${escapeXml(feed.title)}</title>`,
    `  <updated>${date(feed.updatedAt)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${attr(feed.selfUrl)}"/>`,
    ...feed.hubUrls.map((hub) => `  <link rel="hub" href="${attr(hub)}"/>`),
    // An entry without an author of its own takes the feed's (RFC 4287 §4.1.1 needs one or the other).
    `  <author><name>${escapeXml(feed.title)}</name></author>`,
    `  <generator version="${attr(feed.version)}">Tidings</generator>`,
  ];
  for (const entry of feed.entries) lines.push(renderEntry(entry));
  lines.push('</feed>', '');
  return lines.join('\n');
}

function renderEntry(entry: SharedAtomEntry): string {
  const shared = date(entry.sharedAt);
  const lines = [
    '  <entry>',
    `    <id>${escapeXml(entry.atomId)}</id>`,
    `    <title type="text">${escapeXml(entry.title || '(untitled)')}</title>`,
  ];
  if (entry.link) lines.push(`    <link rel="alternate" href="${attr(entry.link)}"/>`);
  lines.push(`    <published>${shared}</published>`, `    <updated>${shared}</updated>`);
  if (entry.author) lines.push(`    <author><name>${escapeXml(entry.author)}</name></author>`);
  lines.push(`    <content type="html">${escapeXml(contentHtml(entry))}</content>`);
  lines.push('    <source>');
  if (entry.sourceUrl) lines.push(`      <id>${escapeXml(entry.sourceUrl)}</id>`);
  lines.push(`      <title type="text">${escapeXml(entry.sourceTitle)}</title>`);
  if (entry.sourceUrl) lines.push(`      <link rel="self" href="${attr(entry.sourceUrl)}"/>`);
  if (entry.sourceSiteUrl) lines.push(`      <link rel="alternate" href="${attr(entry.sourceSiteUrl)}"/>`);
  lines.push('    </source>', '  </entry>');
  return lines.join('\n');
}

/** The note as paragraphs (its line breaks kept), then the item's summary quoted. Both are plain text. */
function contentHtml(entry: SharedAtomEntry): string {
  const parts: string[] = [];
  const note = entry.note?.trim();
  if (note) {
    for (const paragraph of note.split(/\n\s*\n/)) {
      parts.push(`<p>${escapeXml(paragraph.trim()).replace(/\r?\n/g, '<br>')}</p>`);
    }
  }
  if (entry.summary.trim()) {
    const cite = entry.link ? ` cite="${escapeXml(entry.link)}"` : '';
    parts.push(`<blockquote${cite}>${escapeXml(entry.summary.trim())}</blockquote>`);
  }
  return parts.join('');
}
