import type { ParsedFeed } from '../feeds/parse-feed';

/**
 * The icon a feed document names (Atom icon/logo, RSS image, JSON Feed
 * icon/favicon): `ParsedFeed.iconUrl`, which the feeds part fills in. Read
 * through this one function so a parser that leaves it out still type-checks.
 */
export function feedIconOf(feed: ParsedFeed): string | null {
  const named = (feed as ParsedFeed & { iconUrl?: string | null }).iconUrl;
  return typeof named === 'string' && /^https?:\/\//i.test(named) ? named : null;
}
