/** The hub's limits and timings (tests shorten the timings; the benchmark raises the limits). */
export interface HubTuning {
  /** Verification GETs and deliveries: one deadline for the whole exchange (REC: hubs use 5-10 s). */
  verifyTimeoutMs: number;
  deliveryTimeoutMs: number;
  /** The first change goes out at once; further changes within this window wait for its end and go as one. */
  coalesceMs: number;
  /** A failed delivery (or hub ping) is tried again after base, base*factor, base*factor^2... */
  retryBaseMs: number;
  retryFactor: number;
  maxRetries: number;
  /** Leases granted: the asked-for value clamped to [min, max], `default` when none is asked for. */
  leaseMinSeconds: number;
  leaseMaxSeconds: number;
  leaseDefaultSeconds: number;
  /** Expired subscriptions receive nothing and are deleted this long after expiry. */
  purgeAfterMs: number;
  maxSubscriptions: number;
  /** Subscription requests one callback may make per minute. */
  requestsPerCallbackPerMinute: number;
  /** Verifications under way at once; past this, requests are refused with 429 until they finish. */
  maxPendingVerifications: number;
  /** Deliveries in flight at once (the fan-out's width). */
  deliveryConcurrency: number;
  /** A hub request's form body. */
  maxRequestBytes: number;
  /** Entries the shared feed document carries (the newest). */
  feedEntries: number;
}

export const defaultHubTuning: HubTuning = {
  verifyTimeoutMs: 10_000,
  deliveryTimeoutMs: 10_000,
  coalesceMs: 1_000,
  // 5^n seconds for n = 1..7: 5 s, 25 s, 2 min, 10 min, 52 min, 4.3 h, 21.7 h (Webubbub's schedule).
  retryBaseMs: 5_000,
  retryFactor: 5,
  maxRetries: 7,
  leaseMinSeconds: 86_400,
  leaseMaxSeconds: 10 * 86_400,
  leaseDefaultSeconds: 10 * 86_400,
  purgeAfterMs: 7 * 86_400_000,
  maxSubscriptions: 1_000,
  requestsPerCallbackPerMinute: 10,
  maxPendingVerifications: 64,
  deliveryConcurrency: 32,
  maxRequestBytes: 16 * 1024,
  feedEntries: 100,
};

/** Delay before try number `attempt + 1` after `attempt` failures (1-based). */
export function retryDelayMs(tuning: HubTuning, attempt: number): number {
  return tuning.retryBaseMs * tuning.retryFactor ** (attempt - 1);
}
