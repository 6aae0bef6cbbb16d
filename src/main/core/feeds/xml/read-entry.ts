import { foldSpace, textOfAmbiguous } from '../html/html-to-text';
import type { ItemDraft } from '../normalise-item';
import { parseFeedDate } from '../parse-date';
import { resolveHttpUrl } from '../resolve-url';
import { readMedia } from './read-enclosures';
import { alternateLink, readLinks } from './read-links';
import { plainPreview, plainText, readText, storedHtml, type TextValue } from './text-construct';
import { attribute, childNamed, childrenNamed, isElement, textContent } from './xml-read';
import type { XmlElement } from './xml-tree';

/**
 * One RSS item, RDF item or Atom entry (0.3 or 1.0) as a draft. The core
 * vocabularies are read together, as forgiving readers do: an RSS item with
 * Atom links or dates, an Atom entry with Dublin Core or Media RSS.
 */
export function readEntry(entry: XmlElement, feedAuthor: string | null): ItemDraft {
  const links = readLinks(entry);
  const guid = childNamed(entry, '', 'guid');
  const id = foldSpace(textContent(guid ?? childNamed(entry, '', 'id') ?? emptyText)) || null;
  const content = contentOf(entry);
  const summary = summaryOf(entry);
  const media = readMedia(entry, links);
  return {
    id,
    link: alternateLink(links) ?? permalinkOf(guid) ?? aboutOf(entry) ?? hrefOf(entry),
    title: plainText(readText(childNamed(entry, '', 'title') ?? childNamed(entry, 'dc', 'title'))) || mediaTitle(entry),
    author: authorOf(entry) ?? feedAuthor,
    publishedAt: dateOf(entry),
    contentHtml: storedHtml(content ?? summary),
    summaryText: plainPreview(summary, 300),
    enclosures: media.enclosures,
    imageUrl: media.imageUrl,
  };
}

const emptyText: XmlElement = { name: '', local: '', ns: '', attrs: new Map(), children: [], base: '' };

/** The fullest text the entry has, in the order feeds mean it. */
function contentOf(entry: XmlElement): TextValue | null {
  const encoded = childNamed(entry, 'content', 'encoded');
  if (encoded) return asHtml(readText(encoded));
  for (const content of childrenNamed(entry, '', 'content')) {
    const value = readText(content);
    if (value && value.value.trim()) return value;
  }
  const body = childNamed(entry, 'xhtml', 'body') ?? childNamed(entry, '', 'body', 'fullitem');
  if (body) return asHtml(readText(body));
  const description = childNamed(entry, '', 'description', 'abstract') ?? childNamed(entry, 'dc', 'description');
  if (description) return asHtml(readText(description));
  return null;
}

/** The entry's own short text: Atom summary, else the RSS description when content came from elsewhere. */
function summaryOf(entry: XmlElement): TextValue | null {
  const candidates = [
    childNamed(entry, '', 'summary'),
    childNamed(entry, '', 'description', 'abstract'),
    childNamed(entry, 'dc', 'description'),
    childNamed(entry, 'itunes', 'summary'),
    childNamed(entry, 'media', 'description'),
    ...childrenNamed(entry, 'media', 'group').map((group) => childNamed(group, 'media', 'description')),
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const value =
      candidate.ns === 'media' || candidate.ns === 'itunes'
        ? { html: attribute(candidate, 'type') === 'html', value: textContent(candidate), base: candidate.base }
        : candidate.local === 'description' || candidate.local === 'abstract'
          ? asHtml(readText(candidate))
          : readText(candidate);
    if (value && value.value.trim()) return value;
  }
  return null;
}

/** RSS descriptions and content:encoded are HTML whatever they look like (unless the feed says text). */
function asHtml(value: TextValue | null): TextValue | null {
  return value ? { ...value, html: true } : null;
}

function mediaTitle(entry: XmlElement): string {
  const group = childNamed(entry, 'media', 'group');
  const title = childNamed(entry, 'media', 'title') ?? (group && childNamed(group, 'media', 'title'));
  return title ? foldSpace(textContent(title)) : '';
}

/** An RSS guid is the item's permalink unless it says isPermaLink="false" (RSS 2.0), when it is an absolute URL. */
function permalinkOf(guid: XmlElement | null): string | null {
  if (!guid || (attribute(guid, 'ispermalink') ?? '').trim().toLowerCase() === 'false') return null;
  const value = textContent(guid).trim();
  return /^https?:\/\//i.test(value) ? resolveHttpUrl(value, guid.base) : null;
}

/** A CDF (Channel Definition Format, RSS's forerunner) channel or item names its page in HREF. */
export function hrefOf(element: XmlElement): string | null {
  const href = element.attrs.get('href');
  return href ? resolveHttpUrl(href, element.base) : null;
}

/** An RDF item names its resource in rdf:about. */
function aboutOf(entry: XmlElement): string | null {
  const about = attribute(entry, 'about');
  return about ? resolveHttpUrl(about, entry.base) : null;
}

const publishedNames: Array<[string, string]> = [
  ['', 'pubdate'],
  ['', 'published'],
  ['', 'issued'],
  ['dc', 'date'],
  ['dcterms', 'issued'],
  ['dcterms', 'created'],
  ['', 'created'],
  ['dcterms', 'date'],
  ['', 'updated'],
  ['', 'modified'],
  ['dcterms', 'modified'],
];

/** When the entry was published, else when it was last updated: the first date that reads. */
export function dateOf(entry: XmlElement): number | null {
  for (const [ns, local] of publishedNames) {
    for (const element of childrenNamed(entry, ns, local)) {
      const time = parseFeedDate(textContent(element));
      if (time !== null) return time;
    }
  }
  // CDF writes the date as an attribute.
  return parseFeedDate(entry.attrs.get('lastmod'));
}

/** Every author the entry names (Atom persons, RSS author, Dublin Core, iTunes), names only, joined. */
export function authorOf(element: XmlElement): string | null {
  const names: string[] = [];
  for (const author of childrenNamed(element, '', 'author')) {
    const name = personName(author);
    if (name) names.push(name);
  }
  for (const [ns, local] of [
    ['dc', 'creator'],
    ['dc', 'author'],
    ['dcterms', 'creator'],
    ['', 'creator'],
    ['itunes', 'author'],
  ] as const) {
    for (const creator of childrenNamed(element, ns, local)) {
      const name = personName(creator);
      if (name) names.push(name);
    }
    if (names.length) break;
  }
  const unique = [...new Set(names)];
  return unique.length ? unique.join(', ') : null;
}

/** An Atom person's name (else email), or an RSS author written "email (Name)" or "Name <email>". */
function personName(element: XmlElement): string | null {
  if (element.children.some(isElement)) {
    const name = childNamed(element, '', 'name') ?? childNamed(element, '', 'email');
    return name ? textOfAmbiguous(textContent(name).slice(0, 1000)) || null : null;
  }
  // Bounded before the patterns below, which then cannot take long whatever the feed holds.
  const text = textOfAmbiguous(textContent(element).slice(0, 1000));
  const parenthesised = /^\S+@\S+\s*\(([^()]{1,200})\)$/.exec(text);
  if (parenthesised) return parenthesised[1]!.trim();
  const angled = /^([^<>]{1,200}?)\s*<\S+@\S+>$/.exec(text);
  if (angled) return angled[1]!.trim().replace(/^"|"$/g, '');
  return text || null;
}
