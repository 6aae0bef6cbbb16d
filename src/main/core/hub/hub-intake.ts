import type { Clock } from '../clock';
import type { Log } from '../context';
import type { HubSubscriptionsRepo } from './hub-subscriptions-repo';
import { parseHubRequest, type HubRequest } from './hub-request';
import type { OutboundClient } from './outbound-request';
import { createRateLimiter } from './rate-limiter';
import type { HubTuning } from './tuning';
import { verifySubscriber } from './verify-subscriber';

export interface HubAnswer {
  status: number;
  body: string;
  retryAfterSeconds?: number;
}

export interface HubIntakeDeps {
  clock: Clock;
  log: Log;
  subs: HubSubscriptionsRepo;
  client: OutboundClient;
  tuning: HubTuning;
  userAgent: string;
  allowPrivateCallbacks: boolean;
  /** The topic served now; null when nothing public reaches Tidings. */
  topic(): string | null;
  /** Why there is no topic, in words. */
  whyNoTopic(): string;
  /** A subscription was stored or removed. */
  changed(): void;
}

export interface HubIntake {
  /** Answers one request to /hub at once; its verification follows asynchronously. */
  receive(form: URLSearchParams): HubAnswer;
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The hub's front desk (REC §5.1-5.3): checks a request, answers 202 at once,
 * then verifies intent in the background and only then stores (or removes)
 * the subscription, so a forged request leaves nothing behind. Requests for
 * the same topic and callback are verified one after another, in order.
 * Floods are bounded three ways: per callback per minute, verifications under
 * way at once, and subscriptions in total.
 */
export function createHubIntake(deps: HubIntakeDeps): HubIntake {
  const { clock, subs, tuning } = deps;
  const perCallback = createRateLimiter({
    limit: tuning.requestsPerCallbackPerMinute,
    windowMs: 60_000,
    maxKeys: 10_000,
  });
  /** Per (topic, callback): the chain of verifications, and how many new subscriptions wait in it. */
  const chains = new Map<string, Promise<void>>();
  let pending = 0;
  let pendingNew = 0;
  let closed = false;
  const lease = {
    minSeconds: tuning.leaseMinSeconds,
    maxSeconds: tuning.leaseMaxSeconds,
    defaultSeconds: tuning.leaseDefaultSeconds,
  };

  function isNew(request: HubRequest, now: number): boolean {
    const existing = subs.get(request.topic, request.callback.href);
    return !existing || existing.lease_expires_at <= now;
  }

  async function verify(request: HubRequest, fresh: boolean): Promise<void> {
    const startedAt = clock.now();
    const outcome = await verifySubscriber(
      deps.client,
      {
        mode: request.mode,
        topic: request.topic,
        callback: request.callback,
        leaseSeconds: request.mode === 'subscribe' ? request.leaseSeconds : null,
      },
      { userAgent: deps.userAgent, timeoutMs: tuning.verifyTimeoutMs },
    );
    if (closed) return;
    const host = request.callback.host;
    if (!outcome.verified) {
      deps.log(`hub: ${request.mode} for a callback on ${host} not verified: ${outcome.reason}`);
      return;
    }
    if (request.mode === 'unsubscribe') {
      if (subs.remove(request.topic, request.callback.href)) deps.changed();
      return;
    }
    // The cap holds at storing time too (a lease may have lapsed meanwhile, making a renewal new).
    if (fresh && isNew(request, clock.now()) && subs.countLive(clock.now()) >= tuning.maxSubscriptions) return;
    subs.saveVerified({
      topic: request.topic,
      callback: request.callback.href,
      secret: request.secret,
      leaseSeconds: request.leaseSeconds,
      // REC §5.3: the lease runs from the time the verification request was made.
      leaseExpiresAt: startedAt + request.leaseSeconds * 1000,
      verifiedAt: startedAt,
    });
    deps.changed();
  }

  return {
    receive(form) {
      const topic = deps.topic();
      if (topic === null) return { status: 503, body: `This hub is not serving right now: ${deps.whyNoTopic()}` };
      const parsed = parseHubRequest(
        form,
        { topic, isKnownTopic: subs.isKnownTopic },
        lease,
        deps.allowPrivateCallbacks,
      );
      if (!parsed.ok) return { status: 400, body: parsed.reason };
      const request = parsed.request;
      const now = clock.now();
      if (!perCallback.take(request.callback.href, now)) {
        return {
          status: 429,
          body: `Too many requests for this callback: at most ${tuning.requestsPerCallbackPerMinute} a minute.`,
          retryAfterSeconds: 60,
        };
      }
      if (pending >= tuning.maxPendingVerifications) {
        return { status: 429, body: 'Too many verifications under way; try again shortly.', retryAfterSeconds: 10 };
      }
      const fresh = request.mode === 'subscribe' && isNew(request, now);
      if (fresh && subs.countLive(now) + pendingNew >= tuning.maxSubscriptions) {
        return {
          status: 429,
          body: `This hub has reached its limit of ${tuning.maxSubscriptions} subscriptions.`,
          retryAfterSeconds: 3600,
        };
      }
      const key = `${request.topic}\n${request.callback.href}`;
      pending++;
      if (fresh) pendingNew++;
      const previous = chains.get(key) ?? Promise.resolve();
      const next = previous
        .then(() => verify(request, fresh))
        .catch((error: unknown) => deps.log('hub: a verification failed unexpectedly', error))
        .finally(() => {
          pending--;
          if (fresh) pendingNew--;
          if (chains.get(key) === next) chains.delete(key);
        });
      chains.set(key, next);
      return { status: 202, body: 'Accepted: the hub will now verify the intent of the subscriber.' };
    },
    async settle() {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
    async close() {
      closed = true;
      await Promise.allSettled([...chains.values()]);
    },
  };
}
