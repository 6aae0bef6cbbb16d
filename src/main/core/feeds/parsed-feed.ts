import type { NormalisedItem } from './normalise-item';

export interface FeedLink {
  /** Lower-cased; one link element may carry several space-separated rels. */
  rel: string;
  href: string;
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json-feed' | 'h-feed';

/** Any feed document, whatever its format, as the rest of Tidings sees it. */
export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  siteUrl: string | null;
  /**
   * The feed's links with their rel, for WebSub: `hub` and `self` for every
   * format (Atom and RSS links, JSON Feed `feed_url` and WebSub `hubs`, an
   * h-feed page's `<link>`s in its <head> only), `alternate` for the site.
   */
  links: FeedLink[];
  /** The feed's own icon (Atom icon/logo, RSS image, JSON Feed favicon/icon), absolute http(s). */
  iconUrl: string | null;
  items: NormalisedItem[];
  /** RSS <ttl>, minutes, when given. */
  ttlMinutes: number | null;
  /** What was wrong with a document read only in part (a missing close tag, truncation); empty when whole. */
  problems: string[];
}
