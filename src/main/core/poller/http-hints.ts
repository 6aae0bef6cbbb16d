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
  const lower = documentText.toLowerCase();
  const period = firstElementText(lower, 'sy:updateperiod');
  if (!period || !/^[a-z]+$/.test(period) || !periodMs[period]) return null;
  const given = firstElementText(lower, 'sy:updatefrequency');
  const frequency = given && /^\d+$/.test(given) ? Number(given) : 1;
  return periodMs[period] / (Number.isFinite(frequency) && frequency > 0 ? frequency : 1);
}

/**
 * The trimmed text of the first `<name ...>text</name>`, by linear scans (a
 * regex with `[^>]*` here went quadratic: 3,600 unclosed openers in the 64 KB
 * read took ~120 ms, 40,000 took 12 s). Later elements are never looked at.
 */
function firstElementText(lower: string, name: string): string | null {
  const open = lower.indexOf(`<${name}`);
  if (open < 0) return null;
  const after = lower[open + name.length + 1];
  if (after !== '>' && after !== ' ' && after !== '\t' && after !== '\n' && after !== '\r' && after !== '/')
    return null;
  const start = lower.indexOf('>', open);
  if (start < 0 || lower[start - 1] === '/') return null;
  const end = lower.indexOf(`</${name}>`, start);
  if (end < 0 || end - start > 256) return null;
  return lower.slice(start + 1, end).trim();
}
