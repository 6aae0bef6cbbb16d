import type { PushOutlook } from '../../../shared/api';
import type { CoreContext, MethodsPart } from '../context';
import { parseHttpUrl } from '../feeds/fetch-url';
import { locateFeed } from '../feeds/load-feed';
import { discoverFromLoaded, type Discovered } from './discover-hub';

/**
 * checkFeed: what adding a URL would give (the feed, or the choices a page
 * offers) and whether it can come by push, without storing anything, so the
 * add-feed dialog can tell the user before they add it.
 */
export function createCheckFeedMethod(
  ctx: CoreContext,
  outlook: (found: Discovered) => PushOutlook,
): MethodsPart<'checkFeed'> {
  return {
    async checkFeed({ url, asPage }) {
      const requested = parseHttpUrl(url).href;
      const located = await locateFeed(ctx.fetcher, requested, ctx.fetchOptions, { asPage });
      if (located.kind === 'choices') return { choices: located.choices };
      const existing = ctx.library.feeds.getByUrl(located.url) ?? ctx.library.feeds.getByUrl(requested);
      return {
        feed: {
          url: located.url,
          title: located.feed.title,
          itemCount: located.feed.items.length,
          existingFeedId: existing?.id ?? null,
          push: outlook(discoverFromLoaded(located)),
        },
      };
    },
  };
}
