/**
 * Feed vocabularies by namespace, the way forgiving feed readers see them:
 * RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 all speak one "core" vocabulary (''), so
 * an `<atom:link>` in an RSS channel and a `<link>` in Atom are read by the
 * same code, whatever prefix a feed chose. Extensions keep a short name;
 * anything unknown keeps its URI, so it never collides with a core element.
 */
const byUri = new Map<string, string>([
  ['http://www.w3.org/2005/atom', ''],
  ['http://purl.org/atom/ns#', ''],
  ['http://purl.org/rss/1.0/', ''],
  ['http://my.netscape.com/rdf/simple/0.9/', ''],
  ['http://backend.userland.com/rss2', ''],
  ['http://backend.userland.com/rss', ''],
  ['http://blogs.law.harvard.edu/tech/rss', ''],
  ['http://purl.org/rss/1.0/modules/rss091#', ''],
  ['http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'rdf'],
  ['http://purl.org/dc/elements/1.1/', 'dc'],
  ['http://purl.org/dc/elements/1.0/', 'dc'],
  ['http://purl.org/dc/terms/', 'dcterms'],
  ['http://purl.org/rss/1.0/modules/content/', 'content'],
  ['http://search.yahoo.com/mrss/', 'media'],
  ['http://search.yahoo.com/mrss', 'media'],
  ['http://tools.search.yahoo.com/mrss/', 'media'],
  ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'itunes'],
  ['http://www.itunes.com/dtds/podcast-1.0.dtd/', 'itunes'],
  // The URI Apple's first podcast documentation gave (lower-cased here); early podcast feeds copied it.
  ['http://example.com/dtds/podcast-1.0.dtd', 'itunes'],
  ['http://www.w3.org/1999/xhtml', 'xhtml'],
  ['http://www.w3.org/xml/1998/namespace', 'xml'],
  ['http://purl.org/rss/1.0/modules/syndication/', 'sy'],
  ['http://www.youtube.com/xml/schemas/2015', 'yt'],
]);

/** Prefixes feeds use without declaring them, read as their usual vocabulary. */
const byHabit = new Map<string, string>([
  ['atom', ''],
  ['atom03', ''],
  ['atom10', ''],
  ['a10', ''],
  ['rss', ''],
  ['rdf', 'rdf'],
  ['dc', 'dc'],
  ['dcterms', 'dcterms'],
  ['content', 'content'],
  ['media', 'media'],
  ['itunes', 'itunes'],
  ['xhtml', 'xhtml'],
  ['html', 'xhtml'],
  ['xml', 'xml'],
  ['sy', 'sy'],
  ['yt', 'yt'],
]);

export function vocabularyOfUri(uri: string): string {
  const known = byUri.get(uri.trim().toLowerCase());
  return known ?? uri.trim();
}

export function vocabularyOfUndeclaredPrefix(prefix: string): string {
  return byHabit.get(prefix.toLowerCase()) ?? `undeclared:${prefix.toLowerCase()}`;
}

/** An unprefixed element in an unknown namespace is read as core: feeds invent default namespaces. */
export function vocabularyOfDefaultNamespace(uri: string): string {
  return byUri.get(uri.trim().toLowerCase()) ?? '';
}
