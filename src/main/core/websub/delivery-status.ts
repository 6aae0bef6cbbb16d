import type { Delivery } from '../../../shared/api';
import type { SubscriptionRow, WebSubFeedRow } from './subscriptions-repo';

export interface DeliveryFacts {
  enabled: boolean;
  base: string | null;
  now: number;
  link: WebSubFeedRow | undefined;
  current: SubscriptionRow | undefined;
}

/** How a feed's items reach us, in the words the feed details show. Pure: everything comes in. */
export function describeDelivery({ enabled, base, now, link, current }: DeliveryFacts): Delivery {
  const facts = {
    hubUrl: current?.hub_url ?? link?.hub_url ?? null,
    leaseExpiresAt: current?.state === 'active' ? current.lease_expires_at : null,
    lastPingAt: link?.last_ping_at ?? null,
    rejectedSignatures: link?.rejected_signatures ?? 0,
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
    return { mode: 'push', ...facts, reason: current.reason };
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
