import type { FeedChoice } from '../../../shared/api';
import { htmlHead } from './html-head-links';

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
  'application/feed+json',
  'application/json',
]);

/**
 * The feeds an HTML page advertises with <link rel="alternate" type="…rss/atom/json…">,
 * in page order, from anywhere in the page: YouTube puts its feed link in the
 * body. (Hub and self links stay head-only: see html-head-links.ts.)
 */
export function findFeedLinks(html: string, pageUrl: string): FeedChoice[] {
  const seen = new Set<string>();
  const choices: FeedChoice[] = [];
  for (const link of htmlHead(html, pageUrl).allLinks) {
    if (!link.rel.includes('alternate') || !feedTypes.has(link.type)) continue;
    // A JSON alternate that is not a feed (oEmbed, an API) says so in its rel or type: only feed+json or a title hint.
    if (link.type === 'application/json' && !/feed/i.test(link.title + link.href)) continue;
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
