import { checkCallbackUrl } from './callback-address';

export interface HubLeasePolicy {
  minSeconds: number;
  maxSeconds: number;
  defaultSeconds: number;
}

export type HubRequest =
  | { mode: 'subscribe'; topic: string; callback: URL; leaseSeconds: number; secret: string | null }
  | { mode: 'unsubscribe'; topic: string; callback: URL };

export type ParsedHubRequest = { ok: true; request: HubRequest } | { ok: false; reason: string };

/** Bytes of a secret REC §5.1 allows: fewer than 200, and never an empty one. */
export const maxSecretBytes = 199;

/**
 * A subscription request as REC §5.1 has it, checked before anything is
 * stored or called: the mode (subscribe or unsubscribe only: this hub takes no
 * `publish` from outside), the topic (only the one this hub serves, matched
 * exactly), the callback, the secret (1-199 bytes) and the lease, clamped to
 * the policy. Unknown parameters are ignored; a required one given twice is
 * refused rather than guessed at. Every refusal names the topic served, so a
 * developer who pointed a subscriber at the wrong URL sees what to use.
 */
export function parseHubRequest(
  form: URLSearchParams,
  served: { topic: string; isKnownTopic(topic: string): boolean },
  lease: HubLeasePolicy,
  allowPrivateCallbacks: boolean,
): ParsedHubRequest {
  const refuse = (why: string): ParsedHubRequest => ({
    ok: false,
    reason: `${why} This hub serves only its own topic, ${served.topic}, with hub.mode=subscribe or hub.mode=unsubscribe.`,
  });
  for (const name of ['hub.mode', 'hub.topic', 'hub.callback', 'hub.secret', 'hub.lease_seconds']) {
    if (form.getAll(name).length > 1) return refuse(`${name} was given more than once.`);
  }
  const mode = form.get('hub.mode');
  if (mode === null || mode === '') return refuse('hub.mode is missing.');
  if (mode === 'publish') return refuse('This is not an open hub: it takes no publish requests.');
  if (mode !== 'subscribe' && mode !== 'unsubscribe') return refuse(`hub.mode "${clip(mode)}" is not supported.`);

  const topic = form.get('hub.topic');
  if (topic === null || topic === '') return refuse('hub.topic is missing.');
  // An unsubscribe may name a topic this hub served under an earlier public address.
  if (topic !== served.topic && !(mode === 'unsubscribe' && served.isKnownTopic(topic))) {
    return refuse(`hub.topic "${clip(topic)}" is not a topic of this hub.`);
  }

  const rawCallback = form.get('hub.callback');
  if (rawCallback === null || rawCallback === '') return refuse('hub.callback is missing.');
  const callback = checkCallbackUrl(rawCallback, allowPrivateCallbacks);
  if (!callback.ok) return refuse(callback.reason);

  if (mode === 'unsubscribe') return { ok: true, request: { mode, topic, callback: callback.url } };

  const secret = form.get('hub.secret');
  if (secret !== null) {
    const bytes = Buffer.byteLength(secret, 'utf8');
    if (bytes === 0 || bytes > maxSecretBytes) {
      return refuse(`hub.secret must be 1 to ${maxSecretBytes} bytes long (it is ${bytes}).`);
    }
  }

  const askedLease = form.get('hub.lease_seconds');
  let leaseSeconds = lease.defaultSeconds;
  if (askedLease !== null && askedLease.trim() !== '') {
    if (!/^\s*\d{1,12}\s*$/.test(askedLease)) return refuse('hub.lease_seconds must be a whole number of seconds.');
    leaseSeconds = Math.min(lease.maxSeconds, Math.max(lease.minSeconds, Number(askedLease)));
  }
  return { ok: true, request: { mode, topic, callback: callback.url, leaseSeconds, secret } };
}

/** Values from outside are quoted back only in part (a reason must stay a sentence). */
function clip(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}…` : value;
}
