/**
 * What a response and its document say about when to come back. Pure
 * functions: the poller turns them into a schedule.
 */

const maxRetryAfterMs = 7 * 24 * 60 * 60 * 1000;

/** `Retry-After` as a delay in ms: seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, maxRetryAfterMs);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now), maxRetryAfterMs);
}

/** `Cache-Control: max-age` in ms (no-store/no-cache give none: they say nothing about freshness). */
export function maxAgeMs(header: string | null): number | null {
  if (!header) return null;
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(header);
  return match ? Number(match[1]) * 1000 : null;
}

const periodMs: Record<string, number> = {
  hourly: 60 * 60 * 1000,
  daily: 24 * 60 * 60 * 1000,
  weekly: 7 * 24 * 60 * 60 * 1000,
  monthly: 30 * 24 * 60 * 60 * 1000,
  yearly: 365 * 24 * 60 * 60 * 1000,
};

/**
 * The RSS syndication module's `sy:updatePeriod` / `sy:updateFrequency`: how
 * often the publisher says the feed changes. rss-parser drops these, so they
 * are read from the document text (only the channel's, which comes first).
 */
export function syndicationPeriodMs(documentText: string): number | null {
  const period = /<sy:updatePeriod\b[^>]*>\s*([a-z]+)\s*<\/sy:updatePeriod>/i.exec(documentText)?.[1]?.toLowerCase();
  if (!period || !periodMs[period]) return null;
  const frequency = Number(
    /<sy:updateFrequency\b[^>]*>\s*(\d+)\s*<\/sy:updateFrequency>/i.exec(documentText)?.[1] ?? 1,
  );
  return periodMs[period] / (Number.isFinite(frequency) && frequency > 0 ? frequency : 1);
}
