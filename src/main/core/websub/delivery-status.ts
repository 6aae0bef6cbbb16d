import type { Delivery } from '../../../shared/api';
import { implicitHubFor } from './implicit-hubs';
import type { SubscriptionRow, WebSubFeedRow } from './subscriptions-repo';

export interface DeliveryFacts {
  enabled: boolean;
  base: string | null;
  now: number;
  link: WebSubFeedRow | undefined;
  current: SubscriptionRow | undefined;
}

/**
 * After Tidings subscribed again because a poll found items the hub never
 * delivered, the hub has to prove itself: until it delivers again the feed is
 * polled as usual, not only by the rare safety poll.
 */
export function hubInDoubt(link: WebSubFeedRow | undefined): boolean {
  return link?.last_resubscribe_at != null && (link.last_ping_at ?? 0) < link.last_resubscribe_at;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** How a feed's items reach us, in the words the feed details show. Pure: everything comes in. */
export function describeDelivery({ enabled, base, now, link, current }: DeliveryFacts): Delivery {
  const facts = {
    hubUrl: current?.hub_url ?? link?.hub_url ?? null,
    leaseExpiresAt: current?.state === 'active' ? current.lease_expires_at : null,
    lastPingAt: link?.last_ping_at ?? null,
    rejectedSignatures: link?.rejected_signatures ?? 0,
    resubscribes: link?.resubscribes ?? 0,
    lastResubscribeAt: link?.last_resubscribe_at ?? null,
  };
  const polling = (reason: string | null): Delivery => ({ mode: 'polling', ...facts, reason });
  if (!link) return polling(null);
  if (!link.hub_url) return polling('This feed names no WebSub hub, so Tidings checks it now and then.');
  if (!enabled) return polling('Push is turned off in the settings, so this feed is checked now and then.');
  if (!current) {
    return polling(
      base === null
        ? 'Tidings has no public address a hub could call (set a public URL or start the tunnel), so this feed is polled.'
        : 'Subscribing at the hub.',
    );
  }
  const leased = current.state === 'active' && (current.lease_expires_at ?? 0) > now;
  if (leased && base !== null && current.base_url === base) {
    return { mode: 'push', ...facts, reason: current.reason ?? pushReason(link) };
  }
  if (leased) return polling('Push is paused while Tidings has no public address; polling meanwhile.');
  switch (current.state) {
    case 'pending':
      return {
        mode: 'pending',
        ...facts,
        reason: 'Waiting for the hub to confirm the subscription; polling meanwhile.',
      };
    case 'denied':
      return { mode: 'denied', ...facts, reason: current.reason ?? 'The hub refused the subscription.' };
    case 'error':
      return { mode: 'error', ...facts, reason: current.reason };
    default:
      return polling('The subscription lapsed; Tidings is renewing it and polls meanwhile.');
  }
}

/** What is worth saying about a live feed: that it healed, or where its hub came from. */
function pushReason(link: WebSubFeedRow): string | null {
  if (hubInDoubt(link)) {
    return (
      'The hub stopped delivering; subscribed again (a poll found items the hub never sent). ' +
      'Until the hub delivers again, the feed is polled as usual.'
    );
  }
  const implicit = link.hub_url ? implicitHubFor([link.topic]) : null;
  if (implicit && implicit.hub === link.hub_url) {
    return `${implicit.publisher} pushes through ${hostOf(implicit.hub)}, which its feeds do not name.`;
  }
  if (link.resubscribes > 0) {
    const times = link.resubscribes === 1 ? 'once' : `${link.resubscribes} times`;
    return `The hub stopped delivering ${times}; subscribed again, and it delivers again.`;
  }
  return null;
}
