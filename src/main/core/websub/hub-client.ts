import type { HubMode } from './subscriptions-repo';

export interface HubRequest {
  hubUrl: string;
  mode: HubMode;
  topic: string;
  callback: string;
  leaseSeconds: number | null;
  secret: string | null;
}

export type HubOutcome =
  /** Any 2xx: the hub took the request (202: it will verify; 204/200: some hubs verified already). */
  | { kind: 'accepted'; status: number; hubUrl: string; movedTo: string | null }
  | { kind: 'refused'; status: number; reason: string; retryAfterMs: number | null; movedTo: string | null }
  | { kind: 'unreachable'; reason: string };

export interface HubClientOptions {
  timeoutMs: number;
  /** Aborts the request (the core is closing). */
  signal?: AbortSignal;
  /** Redirects (307/308) followed at most. */
  maxRedirects?: number;
  now(): number;
}

const userAgent = 'Tidings/0.1 (WebSub subscriber)';

/**
 * Sends a (un)subscription request (REC §5.1): form-encoded UTF-8, with
 * `hub.verify=async` for 0.3-era hubs (harmless to WebSub hubs), no empty
 * secret ever. A 307/308 re-posts the same body to the new hub; a 308 is
 * reported as `movedTo` so renewals and unsubscribes go there directly.
 */
export async function sendHubRequest(request: HubRequest, options: HubClientOptions): Promise<HubOutcome> {
  const form = new URLSearchParams({
    'hub.callback': request.callback,
    'hub.mode': request.mode,
    'hub.topic': request.topic,
    'hub.verify': 'async',
  });
  if (request.leaseSeconds !== null) form.set('hub.lease_seconds', String(request.leaseSeconds));
  if (request.secret) form.set('hub.secret', request.secret);
  const body = form.toString();
  const maxRedirects = options.maxRedirects ?? 3;

  let url = request.hubUrl;
  let movedTo: string | null = null;
  for (let redirects = 0; ; redirects++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: options.signal
          ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)])
          : AbortSignal.timeout(options.timeoutMs),
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'user-agent': userAgent },
        body,
      });
    } catch (error) {
      return { kind: 'unreachable', reason: unreachableReason(error, url, options.timeoutMs) };
    }
    const location = response.headers.get('location');
    if ((response.status === 307 || response.status === 308) && location && redirects < maxRedirects) {
      await response.body?.cancel().catch(() => {});
      try {
        url = new URL(location, url).href;
      } catch {
        return refused(response.status, `The hub sent us to an address that is not valid.`, null, movedTo);
      }
      if (response.status === 308) movedTo = url;
      continue;
    }
    // The body is for the hub's developers (§5.1.2), so it is read (to free the socket) but not shown.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) {
      return { kind: 'accepted', status: response.status, hubUrl: url, movedTo };
    }
    return refused(
      response.status,
      refusalReason(response.status, new URL(url).host),
      retryAfter(response.headers.get('retry-after'), options.now()),
      movedTo,
    );
  }
}

function refused(status: number, reason: string, retryAfterMs: number | null, movedTo: string | null): HubOutcome {
  return { kind: 'refused', status, reason, retryAfterMs, movedTo };
}

function refusalReason(status: number, host: string): string {
  if (status === 429 || status === 503) return `The hub ${host} is busy (HTTP ${status}); Tidings will try again.`;
  if (status >= 500) return `The hub ${host} had a problem (HTTP ${status}); Tidings will try again.`;
  if (status >= 300 && status < 400) return `The hub ${host} redirected too often (HTTP ${status}).`;
  return `The hub ${host} refused the subscription (HTTP ${status}).`;
}

function unreachableReason(error: unknown, url: string, timeoutMs: number): string {
  const host = safeHost(url);
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `The hub ${host} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`;
  }
  return `Could not reach the hub ${host}.`;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now. */
export function retryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}
