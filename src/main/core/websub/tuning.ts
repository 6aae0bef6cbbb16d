/** The WebSub subscriber's timings and limits; tests shorten them, the app keeps the defaults. */
export interface WebSubTuning {
  /** Lease asked of hubs (they may grant another; we follow theirs). */
  requestedLeaseSeconds: number;
  /** Lease assumed when a hub's verification names none (WEBSUB.md decision 7). */
  fallbackLeaseSeconds: number;
  /** Renew when this share of the lease has passed (80-90%). */
  renewAt: number;
  /** Renew at least this often whatever the lease, so a hub that forgot us is asked again. */
  maxRenewalIntervalMs: number;
  /** A subscription the hub never verifies falls back to polling after this. */
  pendingTimeoutMs: number;
  /** First retry after a hub refused or could not be reached; doubles per failure up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** For one request to a hub. */
  hubTimeoutMs: number;
  /** Largest delivery kept (413 beyond). */
  maxPingBytes: number;
  /** Hub requests in flight at once (re-subscribing everything after a new public URL). */
  hubConcurrency: number;
}

export const defaultTuning: WebSubTuning = {
  requestedLeaseSeconds: 7 * 24 * 3600,
  fallbackLeaseSeconds: 24 * 3600,
  renewAt: 0.85,
  maxRenewalIntervalMs: 10 * 24 * 3600_000,
  pendingTimeoutMs: 10 * 60_000,
  retryBaseMs: 60_000,
  retryMaxMs: 6 * 3600_000,
  hubTimeoutMs: 15_000,
  maxPingBytes: 10 * 1024 * 1024,
  hubConcurrency: 4,
};
