import type { Answer } from './callback-server';
import type { SubscriptionRow } from './subscriptions-repo';
import { topicMatches } from './topic-match';

export type IntentDecision =
  | { kind: 'refuse' }
  /** Our pending subscribe, or a hub re-verifying one the user still wants: live for `leaseSeconds`. */
  | { kind: 'activate'; challenge: string; leaseSeconds: number }
  /** An unsubscribe we asked for: the subscription is over. */
  | { kind: 'unsubscribed'; challenge: string }
  | { kind: 'denied'; reason: string }
  /** A denial for a subscription no longer in use: acknowledged, nothing to change. */
  | { kind: 'ignore-denial' };

export interface IntentFacts {
  /** The subscription the callback belongs to (undefined: unknown callback). */
  row: SubscriptionRow | undefined;
  query: URLSearchParams;
  rawQuery: string;
  feedExists: boolean;
  fallbackLeaseSeconds: number;
}

/**
 * Verification of intent and denial (REC §5.2, §5.3.1), decided from the
 * subscription the callback identifies, never from a global list of topics
 * (w3c/websub#42). Pure: the subscriber applies the decision.
 */
export function decideIntent({ row, query, rawQuery, feedExists, fallbackLeaseSeconds }: IntentFacts): IntentDecision {
  if (!row || !topicMatches(row.topic, query.get('hub.topic'), rawQuery)) return { kind: 'refuse' };
  const mode = query.get('hub.mode');
  const inUse = row.feed_id !== null && ['pending', 'active', 'error', 'denied'].includes(row.state);
  if (mode === 'denied') {
    if (!inUse) return { kind: 'ignore-denial' };
    const said = query.get('hub.reason')?.trim().slice(0, 300);
    return {
      kind: 'denied',
      reason: said ? `The hub refused the subscription: "${said}"` : 'The hub refused the subscription.',
    };
  }
  const challenge = query.get('hub.challenge');
  if (!challenge) return { kind: 'refuse' };
  if (mode === 'subscribe') {
    // Our own pending request, or the hub re-verifying one the user still wants (WEBSUB.md decision 3).
    const wanted = inUse && feedExists && (row.pending_mode === 'subscribe' || row.state === 'active');
    if (!wanted) return { kind: 'refuse' };
    return {
      kind: 'activate',
      challenge,
      leaseSeconds: leaseOf(query.get('hub.lease_seconds')) ?? fallbackLeaseSeconds,
    };
  }
  // Only an unsubscribe we asked for: a forged one would silently stop our pushes (§5.3.1).
  if (mode === 'unsubscribe' && row.pending_mode === 'unsubscribe') return { kind: 'unsubscribed', challenge };
  return { kind: 'refuse' };
}

/** What the callback answers for a decision: the challenge exactly, 2xx for a denial, else 404. */
export function answerFor(decision: IntentDecision): Answer {
  switch (decision.kind) {
    case 'activate':
    case 'unsubscribed':
      return { status: 200, body: decision.challenge };
    case 'denied':
    case 'ignore-denial':
      return { status: 200, body: 'ok' };
    default:
      return { status: 404, body: 'Not found' };
  }
}

/**
 * The longest lease taken from a hub. Hubs grant days (WEBSUB.md); anything
 * longer is renewed as if it were a year, which costs nothing, while an
 * unbounded figure from outside would overflow the stored expiry (a lease of
 * 16 digits made the whole app exit).
 */
export const maxLeaseSeconds = 365 * 24 * 3600;

/** hub.lease_seconds (ignored on unsubscribe, §5.3): a positive whole number, at most a year; else none. */
export function leaseOf(value: string | null): number | null {
  if (value === null) return null;
  const digits = value.trim();
  if (!/^\d{1,400}$/.test(digits)) return null;
  const seconds = Number(digits);
  return seconds > 0 ? Math.min(seconds, maxLeaseSeconds) : null;
}
