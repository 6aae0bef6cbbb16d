import { AppError } from '../../app-error';
import { normaliseItems } from '../normalise-item';
import type { FeedFormat, ParsedFeed } from '../parsed-feed';
import { resolveHttpUrl } from '../resolve-url';
import { authorOf, hrefOf, readEntry } from '../xml/read-entry';
import { alternateLink, positiveInteger, readLinks } from '../xml/read-links';
import { plainText, readText } from '../xml/text-construct';
import { attribute, childNamed, childrenNamed, textContent } from '../xml/xml-read';
import type { XmlElement, XmlTree } from '../xml/xml-tree';

/** Root elements of the XML feed formats (local names; RDF's is rdf:RDF). */
export const xmlFeedRoots = new Set(['rss', 'channel', 'rdf', 'feed', 'entry']);

/**
 * RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 (and CDF, whose <CHANNEL> of
 * <ITEM>s reads as RSS) from a lenient XML tree. What
 * strict parsers refuse is read with defaults: `<rss>` without a version, RSS
 * or RDF without a <channel>, an Atom entry on its own, a document that ends
 * early. Only a document from which nothing at all can be read is refused.
 */
export function readXmlFeed(tree: XmlTree, documentUrl: string): ParsedFeed {
  const root = tree.root;
  if (!root || !xmlFeedRoots.has(root.local)) {
    throw new AppError('NOT_A_FEED', `What ${hostOf(documentUrl)} sent is not an RSS, Atom or JSON feed.`);
  }
  const format: FeedFormat =
    root.local === 'feed' || root.local === 'entry' ? 'atom' : root.local === 'rdf' ? 'rdf' : 'rss';
  const channel = format === 'atom' ? root : (childNamed(root, '', 'channel') ?? root);
  const entries =
    root.local === 'entry'
      ? [root]
      : format === 'atom'
        ? childrenNamed(root, '', 'entry')
        : [...childrenNamed(channel, '', 'item'), ...(channel === root ? [] : childrenNamed(root, '', 'item'))];
  // Atom entries without an author have their feed's (RFC 4287 §4.2.1); RSS says nothing of the kind.
  const feedAuthor = format === 'atom' && root.local === 'feed' ? authorOf(root) : null;
  const title = plainText(readText(childNamed(channel, '', 'title') ?? childNamed(channel, 'dc', 'title')));
  const problems = [...tree.problems];
  const whole = entries.filter((entry) => !entry.cut || hasWholeId(entry));
  if (whole.length < entries.length)
    problems.push('its last entry is cut off before its id, so it waits until the feed is whole');
  const items = normaliseItems(whole.map((entry) => readEntry(entry, feedAuthor)));
  if (!title && items.length === 0 && problems.length) {
    throw new AppError('MALFORMED_FEED', `The feed at ${hostOf(documentUrl)} could not be read: ${problems[0]}.`);
  }
  const links = readLinks(channel);
  return {
    format,
    title: title || hostOf(documentUrl),
    siteUrl: alternateLink(links) ?? hrefOf(channel),
    links: links.map(({ rel, href }) => ({ rel, href })),
    iconUrl: iconOf(channel, root),
    items,
    ttlMinutes: positiveInteger(ttlText(channel)),
    problems,
  };
}

/**
 * An entry the document ends inside is kept only when its id was read whole: its key
 * is then final, and the stored copy is updated once the feed is whole. Keyed by
 * a link or its text instead, it would come back as a second copy (WordPress writes
 * <guid> after <link>, so a cut entry may lack the id the whole one has).
 */
function hasWholeId(entry: XmlElement): boolean {
  const id = childNamed(entry, '', 'guid') ?? childNamed(entry, '', 'id');
  return id !== null && !id.cut && textContent(id).trim() !== '';
}

function ttlText(channel: XmlElement): string | null {
  const ttl = childNamed(channel, '', 'ttl');
  return ttl ? textContent(ttl) : null;
}

/** Atom icon, then logo; RSS <image><url> (RDF keeps its image beside the channel); iTunes' image. */
function iconOf(channel: XmlElement, root: XmlElement): string | null {
  const atomIcon = childNamed(channel, '', 'icon') ?? childNamed(channel, '', 'logo');
  if (atomIcon) {
    const url = resolveHttpUrl(textContent(atomIcon), atomIcon.base);
    if (url) return url;
  }
  for (const image of [...childrenNamed(channel, '', 'image'), ...childrenNamed(root, '', 'image')]) {
    const url = childNamed(image, '', 'url');
    const href = url ? textContent(url) : (attribute(image, 'about') ?? attribute(image, 'href') ?? '');
    const resolved = resolveHttpUrl(href, (url ?? image).base);
    if (resolved) return resolved;
  }
  const itunes = childNamed(channel, 'itunes', 'image');
  return itunes ? resolveHttpUrl(attribute(itunes, 'href') ?? textContent(itunes), itunes.base) : null;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
