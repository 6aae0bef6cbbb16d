import { escapeUTF8 } from 'entities';

export interface ExportFeed {
  url: string;
  title: string;
  siteUrl: string | null;
  folder: string | null;
}

/**
 * Our library as OPML 2.0: folders as outlines holding their feeds' outlines,
 * feeds outside any folder at the top. Folder names are written whole ("Tech /
 * Web" stays one outline), so importing the export gives back exactly the same
 * folders. Empty folders are kept too.
 */
export function buildOpml(folders: readonly string[], feeds: readonly ExportFeed[], createdAt: Date): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    '    <title>Tidings subscriptions</title>',
    `    <dateCreated>${createdAt.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
  ];
  const byFolder = new Map<string, ExportFeed[]>(folders.map((name) => [name, []]));
  const loose: ExportFeed[] = [];
  for (const feed of feeds) {
    const list = feed.folder !== null ? byFolder.get(feed.folder) : undefined;
    (list ?? loose).push(feed);
  }
  for (const [name, list] of byFolder) {
    if (list.length === 0) {
      lines.push(`    <outline text="${attr(name)}" title="${attr(name)}"/>`);
      continue;
    }
    lines.push(`    <outline text="${attr(name)}" title="${attr(name)}">`);
    for (const feed of list) lines.push(`      ${feedOutline(feed)}`);
    lines.push('    </outline>');
  }
  for (const feed of loose) lines.push(`    ${feedOutline(feed)}`);
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

function feedOutline(feed: ExportFeed): string {
  const title = feed.title || feed.url;
  const site = feed.siteUrl ? ` htmlUrl="${attr(feed.siteUrl)}"` : '';
  return `<outline type="rss" text="${attr(title)}" title="${attr(title)}" xmlUrl="${attr(feed.url)}"${site}/>`;
}

/** Attribute text: markup characters escaped, characters XML 1.0 forbids dropped, whitespace kept as references. */
function attr(value: string): string {
  return escapeUTF8(value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''))
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
