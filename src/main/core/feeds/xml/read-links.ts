import { resolveHttpUrl } from '../resolve-url';
import { attribute, childrenNamed, textContent } from './xml-read';
import type { XmlElement } from './xml-tree';

export interface XmlLink {
  /** Lower-cased rel; `alternate` when the feed gave none (Atom's default, and what an RSS <link> is). */
  rel: string;
  href: string;
  type: string;
  title: string;
  length: number | null;
}

/**
 * Every <link> of a channel or entry: Atom's (href, rel, type) and RSS's
 * (the URL as text), each resolved against its own xml:base, http(s) only.
 */
export function readLinks(parent: XmlElement): XmlLink[] {
  const links: XmlLink[] = [];
  for (const link of childrenNamed(parent, '', 'link')) {
    const hrefAttribute = attribute(link, 'href');
    const href = resolveHttpUrl(hrefAttribute ?? textContent(link), link.base);
    if (!href) continue;
    const rel = hrefAttribute !== null ? (attribute(link, 'rel') ?? '').trim().toLowerCase() : '';
    links.push({
      rel: rel || 'alternate',
      href,
      type: (attribute(link, 'type') ?? '').trim().toLowerCase(),
      title: (attribute(link, 'title') ?? '').trim(),
      length: positiveInteger(attribute(link, 'length')),
    });
  }
  return links;
}

const htmlTypes = new Set(['', 'text/html', 'application/xhtml+xml']);

/** The page a channel or entry stands for: an RSS <link>, else the first HTML alternate, else any alternate. */
export function alternateLink(links: readonly XmlLink[]): string | null {
  const alternates = links.filter((link) => link.rel.split(/\s+/).includes('alternate'));
  return (alternates.find((link) => htmlTypes.has(link.type)) ?? alternates[0])?.href ?? null;
}

export function positiveInteger(value: string | null | undefined): number | null {
  if (!value) return null;
  const number = Number(value.trim());
  return Number.isFinite(number) && number > 0 ? Math.round(number) : null;
}
