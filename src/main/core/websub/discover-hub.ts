import type { LoadedFeed } from '../feeds/load-feed';
import { htmlHeadLinks } from '../feeds/html-head-links';
import type { FeedLink } from '../feeds/parsed-feed';
import { implicitHubFor } from './implicit-hubs';
import { parseLinkHeader, type WebLink } from './link-header';

export interface Discovered {
  /** The hub to subscribe at, or null when the topic advertises none. */
  hub: string | null;
  /** Every hub advertised, in the order they were found (headers first). */
  hubs: string[];
  /** The topic URL to subscribe to: the advertised self, else the URL we fetched in the end. */
  topic: string;
  /** The publisher whose known hub is used because the feed names none (implicit-hubs.ts), else null. */
  implicitFor: string | null;
}

export interface DiscoveryInput {
  /** The URL the document came from, after redirects (the topic when no self is advertised). */
  finalUrl: string;
  /** The response's Link header value(s), joined. */
  linkHeader: string | null;
  /** Links found in the document: a feed's <link>/<atom:link>, or an HTML page's <head> links. */
  documentLinks: WebLink[];
}

/**
 * WebSub discovery (REC §4) with Tidings' decisions for what the spec leaves
 * open (WEBSUB.md "Decisions" 1): hub and self are resolved independently, and
 * for each a Link header wins over the document; the first value counts, except
 * that an https hub is favoured over a plain-http one (§8.2). A feed that names
 * no hub gets its publisher's known one, if implicit-hubs.ts lists it.
 */
export function discoverHub(input: DiscoveryInput): Discovered {
  const headerLinks = parseLinkHeader(input.linkHeader, input.finalUrl);
  const pick = (rel: string) => {
    const fromHeaders = headerLinks.filter((l) => l.rels.includes(rel)).map((l) => l.href);
    const fromDocument = input.documentLinks.filter((l) => l.rels.includes(rel)).map((l) => l.href);
    return { primary: fromHeaders.length > 0 ? fromHeaders : fromDocument, all: [...fromHeaders, ...fromDocument] };
  };
  const hubs = pick('hub');
  const selfs = pick('self');
  const topic = selfs.primary[0] ?? input.finalUrl;
  const hub = preferHttps(hubs.primary, hubs.all);
  if (hub === null) {
    const implicit = implicitHubFor([topic, input.finalUrl]);
    if (implicit)
      return { hub: implicit.hub, hubs: [implicit.hub], topic: implicit.topic, implicitFor: implicit.publisher };
  }
  return { hub, hubs: [...new Set(hubs.all)], topic, implicitFor: null };
}

function preferHttps(primary: string[], all: string[]): string | null {
  const first = primary[0];
  if (!first) return null;
  const secure = primary.find((url) => url.startsWith('https:'));
  if (secure) return secure;
  // The same hub advertised elsewhere over https (a header says http, the body https: w3c/websub#162).
  const upgraded = `https:${first.slice('http:'.length)}`;
  return all.includes(upgraded) ? upgraded : first;
}

/** A parsed feed's links, as discovery reads them (one element may carry several rels). */
export function feedDocumentLinks(links: readonly FeedLink[]): WebLink[] {
  return links.map((link) => ({ href: link.href, rels: link.rel.split(/\s+/).filter(Boolean) }));
}

/** An HTML page's links, from <head> only (§8.1: anyone who can post in a body could plant a hub). */
export function htmlDocumentLinks(html: string, pageUrl: string): WebLink[] {
  return htmlHeadLinks(html, pageUrl).map((link) => ({ href: link.href, rels: link.rel }));
}

/** Discovery on a feed as it was fetched: its response's Link headers, then its document's links. */
export function discoverFromLoaded(loaded: Pick<LoadedFeed, 'resource' | 'feed'>): Discovered {
  return discoverHub({
    finalUrl: loaded.resource.url,
    linkHeader: loaded.resource.headers.get('link'),
    documentLinks: feedDocumentLinks(loaded.feed.links),
  });
}
