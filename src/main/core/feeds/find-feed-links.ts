import type { FeedChoice } from '../../../shared/api';
import { htmlHeadLinks } from './html-head-links';

const feedTypes = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/rss',
  'application/atom',
  'application/xml',
  'text/xml',
  'text/rss+xml',
  'text/atom+xml',
]);

/** The feeds an HTML page advertises with <link rel="alternate" type="…rss/atom…">, in page order. */
export function findFeedLinks(html: string, pageUrl: string): FeedChoice[] {
  const seen = new Set<string>();
  const choices: FeedChoice[] = [];
  for (const link of htmlHeadLinks(html, pageUrl)) {
    if (!link.rel.includes('alternate') || !feedTypes.has(link.type)) continue;
    if (seen.has(link.href)) continue;
    seen.add(link.href);
    choices.push({ url: link.href, title: link.title || link.href, type: link.type });
  }
  return choices;
}

/** Where sites commonly keep a feed they forgot to advertise. */
export function guessFeedUrls(pageUrl: string): string[] {
  const origin = new URL(pageUrl).origin;
  return ['/feed', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml'].map((path) => origin + path);
}
