import { randomBytes } from 'node:crypto';
import type { OutboundClient } from './outbound-request';

export interface VerificationRequest {
  mode: 'subscribe' | 'unsubscribe';
  topic: string;
  callback: URL;
  /** Sent with a subscribe only (REC §5.3). */
  leaseSeconds: number | null;
}

export type VerificationOutcome = { verified: true } | { verified: false; reason: string };

/**
 * The hub's verification of intent (REC §5.3): a GET on the callback with
 * `hub.mode`, `hub.topic`, `hub.challenge` and, on subscribe,
 * `hub.lease_seconds`, appended to the callback's own query (left exactly as
 * the subscriber wrote it) with every value URL-encoded. Only a 2xx whose body
 * is exactly the challenge confirms; a redirect is an answer like any other.
 */
export function verificationUrl(request: VerificationRequest, challenge: string): string {
  const params = [
    ['hub.mode', request.mode],
    ['hub.topic', request.topic],
    ['hub.challenge', challenge],
    ...(request.mode === 'subscribe' && request.leaseSeconds !== null
      ? [['hub.lease_seconds', String(request.leaseSeconds)]]
      : []),
  ]
    .map(([name, value]) => `${name}=${encodeURIComponent(value!)}`)
    .join('&');
  const href = request.callback.href;
  const separator = !href.includes('?') ? '?' : href.endsWith('?') || href.endsWith('&') ? '' : '&';
  return `${href}${separator}${params}`;
}

/** At least 32 random bytes (the issue), base64url so it needs no encoding anywhere. */
export function newChallenge(): string {
  return randomBytes(32).toString('base64url');
}

export async function verifySubscriber(
  client: OutboundClient,
  request: VerificationRequest,
  options: { userAgent: string; timeoutMs: number },
): Promise<VerificationOutcome> {
  const challenge = newChallenge();
  const result = await client.send({
    url: new URL(verificationUrl(request, challenge)),
    method: 'GET',
    headers: { 'user-agent': options.userAgent, accept: 'text/plain, */*;q=0.1' },
    timeoutMs: options.timeoutMs,
    // Room for the challenge and a little more: anything longer is not an echo.
    maxResponseBytes: challenge.length + 64,
  });
  if (result.kind === 'failed') return { verified: false, reason: result.reason };
  if (result.status < 200 || result.status >= 300)
    return { verified: false, reason: `it answered HTTP ${result.status}` };
  if (result.truncated || result.body.toString('latin1') !== challenge) {
    return { verified: false, reason: 'its answer was not the challenge' };
  }
  return { verified: true };
}
