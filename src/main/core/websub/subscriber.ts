import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { Log } from '../context';
import type { Answer } from './callback-server';
import type { Discovered } from './discover-hub';
import { sendHubRequest, type HubOutcome } from './hub-client';
import type { SubscriptionRow, SubscriptionsRepo, WebSubFeedsRepo } from './subscriptions-repo';
import { answerFor, decideIntent } from './verify-intent';
import { createDeferredWrites } from './passing-errors';
import type { WebSubTuning } from './tuning';

export interface SubscriberDeps {
  clock: Clock;
  log: Log;
  subs: SubscriptionsRepo;
  feeds: WebSubFeedsRepo;
  tuning: WebSubTuning;
  /** Push on in the settings. */
  enabled(): boolean;
  /** Secrets may go to plain-http hubs (loopback tests, trusted networks). */
  allowHttpSecret(): boolean;
  feedExists(feedId: number): boolean;
  /** Fetches the feed again and runs discovery (REC §6.1: before every renewal); null when that failed. */
  rediscover(feedId: number): Promise<Discovered | null>;
  /** A feed's delivery changed: tell the UI. */
  changed(feedId: number): void;
  /** Runs a write with a short busy wait (a hub is waiting on the answer); default: as is. */
  briefly?: (write: () => void) => void;
}

export interface Subscriber {
  /** Discovery's result for a feed (on add and after fetches): subscribes when the hub or topic is new. */
  discovered(feedId: number, found: Discovered): void;
  /** Subscribes now (or renews), at the current public base. */
  subscribe(feedId: number): Promise<void>;
  /** The hub seems to have forgotten us (a poll found items it never delivered): subscribe again at once. */
  resubscribe(feedId: number): Promise<void>;
  /** The user removed the feed: unsubscribe at the hub (its callbacks answer 410 from now on). */
  unsubscribeFeed(feedId: number): void;
  /** Verification of intent and denial (REC §5.2, §5.3). */
  verify(callbackId: string, query: URLSearchParams, rawQuery: string): Answer;
  /** The subscription a delivery to this callback belongs to, when it may deliver; else undefined (410). */
  receiving(callbackId: string): SubscriptionRow | undefined;
  /** The public base URL changed (or went away): re-subscribe every feed with callbacks on the new one. */
  setBase(url: string | null): void;
  base(): string | null;
  isLive(feedId: number): boolean;
  /** The newest subscription of a feed that is not on its way out. */
  current(feedId: number): SubscriptionRow | undefined;
  /** `current` for every feed at once, in one read (listFeeds at a thousand feeds). */
  currentByFeed(): Map<number, SubscriptionRow>;
  /** Schedules renewals, retries and expiries for what the database holds (at start). */
  resume(): void;
  /** Re-subscribes every feed with a hub (push switched on again). */
  subscribeAll(): void;
  /** Waits for hub requests under way (tests). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const liveStates = new Set(['pending', 'active', 'error', 'denied']);

export function createSubscriber(deps: SubscriberDeps): Subscriber {
  const { clock, log, subs, feeds, tuning } = deps;
  let base: string | null = null;
  const timers = new Map<number, { cancel(): void }>();
  const inflight = new Set<Promise<unknown>>();
  const closing = new AbortController();
  let active = 0;
  const waiting: Array<() => void> = [];
  // What a verification answer promised the hub is written even if the database is busy for a while.
  const deferred = createDeferredWrites(clock, log, deps.briefly);

  const callbackOf = (row: { base_url: string; callback_id: string }) => `${row.base_url}/websub/${row.callback_id}`;
  const current = (feedId: number) => subs.ofFeed(feedId).find((row) => liveStates.has(row.state));

  function track<T>(promise: Promise<T>): Promise<T> {
    inflight.add(promise);
    void promise.finally(() => inflight.delete(promise)).catch(() => {});
    return promise;
  }

  /** At most `hubConcurrency` hub requests at once: a new public URL re-subscribes every feed. */
  async function limited<T>(fn: () => Promise<T>): Promise<T> {
    if (active >= tuning.hubConcurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  }

  function schedule(id: number, at: number, action: () => void) {
    timers.get(id)?.cancel();
    // Node timers overflow past ~24.8 days; a later wake-up simply re-schedules.
    const delay = Math.min(Math.max(0, at - clock.now()), 2 ** 31 - 1);
    timers.set(
      id,
      clock.setTimeout(() => {
        timers.delete(id);
        if (clock.now() < at) return schedule(id, at, action);
        action();
      }, delay),
    );
  }
  const unschedule = (id: number) => {
    timers.get(id)?.cancel();
    timers.delete(id);
  };

  function scheduleFor(row: SubscriptionRow) {
    const now = clock.now();
    if (row.state === 'retired' || row.state === 'unsubscribing') {
      // Kept only to answer its last deliveries (410 after) or the unsubscribe verification.
      const end = row.lease_expires_at ?? row.updated_at + tuning.pendingTimeoutMs;
      return schedule(row.id, Math.max(end, now), () => subs.remove(row.id));
    }
    if (row.pending_mode === 'subscribe' && row.pending_since !== null) {
      return schedule(row.id, row.pending_since + tuning.pendingTimeoutMs, () => expirePending(row.id));
    }
    if (row.state === 'active' && row.lease_expires_at !== null && row.lease_seconds !== null) {
      // However long the lease (WordPress.com grants ten years), a hub that forgot us is asked
      // again within maxRenewalIntervalMs of the verification.
      const verifiedAt = row.lease_expires_at - row.lease_seconds * 1000;
      const renewAt = Math.min(
        row.lease_expires_at - row.lease_seconds * 1000 * (1 - tuning.renewAt),
        verifiedAt + tuning.maxRenewalIntervalMs,
      );
      return schedule(row.id, renewAt, () => void renew(row.feed_id));
    }
    if (row.state === 'error' && row.next_attempt_at !== null) {
      return schedule(row.id, row.next_attempt_at, () => void renew(row.feed_id));
    }
    unschedule(row.id);
  }

  async function renew(feedId: number | null) {
    if (feedId === null || !deps.enabled() || !deps.feedExists(feedId)) return;
    const found = await deps.rediscover(feedId);
    if (found) feeds.record(feedId, found.hub, found.topic, clock.now());
    await subscribe(feedId);
  }

  function expirePending(id: number) {
    const row = subs.get(id);
    if (!row || row.pending_mode !== 'subscribe') return;
    const now = clock.now();
    const stillLeased = row.state === 'active' && (row.lease_expires_at ?? 0) > now;
    failed(
      row,
      'The hub never confirmed the subscription, so the feed is polled until Tidings tries again.',
      null,
      stillLeased,
    );
  }

  /** A failed (re)subscription: polling continues, and a retry follows with backoff (or the hub's Retry-After). */
  function failed(row: SubscriptionRow, reason: string, retryAfterMs: number | null, keepActive: boolean) {
    const now = clock.now();
    const attempts = row.attempts + 1;
    const backoff = Math.min(tuning.retryMaxMs, tuning.retryBaseMs * 2 ** (attempts - 1));
    const jittered = backoff * (0.9 + Math.random() * 0.2);
    const delay = Math.round(retryAfterMs !== null ? Math.min(Math.max(retryAfterMs, 1000), 24 * 3600_000) : jittered);
    subs.update(row.id, now, {
      state: keepActive ? 'active' : 'error',
      pending_mode: null,
      pending_since: null,
      attempts,
      next_attempt_at: now + delay,
      reason,
    });
    if (keepActive) schedule(row.id, now + delay, () => void renew(row.feed_id));
    else scheduleFor(subs.get(row.id)!);
    if (row.feed_id !== null) deps.changed(row.feed_id);
  }

  async function subscribe(feedId: number): Promise<void> {
    if (!deps.enabled() || base === null || !deps.feedExists(feedId)) return;
    const link = feeds.get(feedId);
    if (!link?.hub_url) return;
    const now = clock.now();
    let row = current(feedId);
    // A hub that answered 308 keeps receiving our requests at its new address (WEBSUB.md C.24).
    const hubUrl = row && row.advertised_hub === link.hub_url ? row.hub_url : link.hub_url;
    if (row && (row.base_url !== base || row.advertised_hub !== link.hub_url || row.topic !== link.topic)) {
      // A new public address keeps the old callback answering until its lease ends;
      // a new hub or topic (migration, §6.1) ends the old subscription properly.
      if (row.base_url !== base && row.state === 'active') retire(row);
      else if (row.state === 'active') startUnsubscribe(row);
      else subs.remove(row.id);
      row = undefined;
    }
    if (!row) {
      const secure = link.hub_url.startsWith('https:') || deps.allowHttpSecret();
      const id = subs.insert({
        callbackId: randomBytes(16).toString('base64url'),
        feedId,
        hubUrl,
        advertisedHub: link.hub_url,
        topic: link.topic,
        baseUrl: base,
        // Secrets only over https (REC §5.1), never empty, under 200 bytes.
        secret: secure ? randomBytes(32).toString('base64url') : null,
        now,
      });
      row = subs.get(id)!;
    } else {
      // A renewal keeps callback and secret; an active subscription stays live until the new one is verified (§5.1).
      subs.update(row.id, now, {
        state: row.state === 'active' ? 'active' : 'pending',
        pending_mode: 'subscribe',
        pending_since: now,
      });
      row = subs.get(row.id)!;
    }
    // Pending is on disk before the request leaves: some hubs verify before they answer.
    scheduleFor(row);
    deps.changed(feedId);
    const sent = row;
    const outcome = await track(limited(() => request(sent, 'subscribe')));
    settleSubscribe(sent.id, now, outcome);
  }

  function settleSubscribe(id: number, startedAt: number, outcome: HubOutcome) {
    const row = subs.get(id);
    if (!row || closing.signal.aborted) return;
    const now = clock.now();
    if (outcome.kind !== 'unreachable' && outcome.movedTo) subs.update(id, now, { hub_url: outcome.movedTo });
    // Verified while the request was in flight: the hub's answer changes nothing.
    const verifiedMeanwhile = row.state === 'active' && row.pending_mode === null && row.updated_at >= startedAt;
    if (outcome.kind === 'accepted' || verifiedMeanwhile) {
      if (row.feed_id !== null) deps.changed(row.feed_id);
      return;
    }
    if (row.pending_mode !== 'subscribe') return;
    const keepActive = row.state === 'active' && (row.lease_expires_at ?? 0) > now;
    failed(row, outcome.reason, outcome.kind === 'refused' ? outcome.retryAfterMs : null, keepActive);
  }

  function request(row: SubscriptionRow, mode: 'subscribe' | 'unsubscribe'): Promise<HubOutcome> {
    return sendHubRequest(
      {
        hubUrl: row.hub_url,
        mode,
        topic: row.topic,
        callback: callbackOf(row),
        leaseSeconds: mode === 'subscribe' ? tuning.requestedLeaseSeconds : null,
        secret: mode === 'subscribe' ? row.secret : null,
      },
      { timeoutMs: tuning.hubTimeoutMs, now: clock.now, signal: closing.signal },
    );
  }

  function retire(row: SubscriptionRow) {
    subs.update(row.id, clock.now(), { state: 'retired', pending_mode: null, pending_since: null });
    scheduleFor(subs.get(row.id)!);
  }

  function startUnsubscribe(row: SubscriptionRow) {
    const now = clock.now();
    subs.update(row.id, now, { state: 'unsubscribing', pending_mode: 'unsubscribe', pending_since: now });
    const marked = subs.get(row.id)!;
    scheduleFor(marked);
    void track(limited(() => request(marked, 'unsubscribe'))).then((outcome) => {
      if (outcome.kind !== 'accepted') log(`unsubscribing from ${row.hub_url} failed: ${outcome.reason}`);
    });
  }

  function verify(callbackId: string, query: URLSearchParams, rawQuery: string): Answer {
    const row = subs.byCallback(callbackId);
    const decision = decideIntent({
      row,
      query,
      rawQuery,
      feedExists: row?.feed_id != null && deps.feedExists(row.feed_id),
      fallbackLeaseSeconds: tuning.fallbackLeaseSeconds,
    });
    const now = clock.now();
    // The answer follows the decision alone; recording it waits out a busy database rather than fail the hub.
    if (row && decision.kind === 'denied') {
      deferred.run(() => {
        subs.update(row.id, now, { state: 'denied', pending_mode: null, pending_since: null, reason: decision.reason });
        unschedule(row.id);
        deps.changed(row.feed_id!);
      });
    } else if (row && decision.kind === 'activate') {
      deferred.run(() => {
        subs.update(row.id, now, {
          state: 'active',
          pending_mode: null,
          pending_since: null,
          lease_seconds: decision.leaseSeconds,
          // Counted from the verification request (§5.3).
          lease_expires_at: now + decision.leaseSeconds * 1000,
          attempts: 0,
          next_attempt_at: null,
          reason: null,
        });
        scheduleFor(subs.get(row.id)!);
        deps.changed(row.feed_id!);
      });
    } else if (row && decision.kind === 'unsubscribed') {
      deferred.run(() => {
        unschedule(row.id);
        subs.remove(row.id);
      });
    }
    return answerFor(decision);
  }

  /** Feeds whose subscription is missing, lapsed or on another base; live and waiting ones keep their timers. */
  function subscribeAll() {
    const now = clock.now();
    for (const link of feeds.withHub()) {
      const row = current(link.feed_id);
      const settled =
        row !== undefined &&
        row.base_url === base &&
        row.advertised_hub === link.hub_url &&
        row.topic === link.topic &&
        ((row.state === 'active' && (row.lease_expires_at ?? 0) > now) ||
          row.state === 'pending' ||
          row.state === 'denied' ||
          (row.state === 'error' && row.next_attempt_at !== null));
      if (settled) continue;
      void subscribe(link.feed_id).catch((error) => log(`subscribing feed ${link.feed_id} failed`, error));
    }
  }

  return {
    discovered(feedId, found) {
      const before = feeds.get(feedId);
      feeds.record(feedId, found.hub, found.topic, clock.now());
      const row = current(feedId);
      const changed = !before || before.hub_url !== found.hub || before.topic !== found.topic;
      if (found.hub && (changed || !row)) void subscribe(feedId).catch((error) => log('subscribing failed', error));
      else if (changed) deps.changed(feedId);
    },
    subscribe,
    async resubscribe(feedId) {
      const row = current(feedId);
      // Nothing to heal unless the subscription is live; anything else has its own timer already.
      if (!row || row.state !== 'active') return;
      log(`feed ${feedId}: a poll found items the hub never delivered; subscribing again`);
      await subscribe(feedId);
    },
    unsubscribeFeed(feedId) {
      for (const row of subs.ofFeed(feedId)) {
        if (row.state === 'active' || row.state === 'pending' || row.state === 'retired') startUnsubscribe(row);
        else if (row.state !== 'unsubscribing') {
          unschedule(row.id);
          subs.remove(row.id);
        }
      }
    },
    verify,
    receiving(callbackId) {
      const row = subs.byCallback(callbackId);
      if (!row || row.feed_id === null) return undefined;
      if (row.state === 'active' || row.state === 'pending') return row;
      if (row.state === 'retired' && (row.lease_expires_at ?? 0) > clock.now()) return row;
      return undefined;
    },
    setBase(url) {
      const next = url === null ? null : url.replace(/\/+$/, '');
      if (next === base) return;
      base = next;
      if (base === null) {
        for (const link of feeds.withHub()) deps.changed(link.feed_id);
        return;
      }
      subscribeAll();
    },
    base: () => base,
    isLive(feedId) {
      if (!deps.enabled() || base === null) return false;
      const row = current(feedId);
      return row?.state === 'active' && row.base_url === base && (row.lease_expires_at ?? 0) > clock.now();
    },
    current,
    currentByFeed() {
      const byFeed = new Map<number, SubscriptionRow>();
      // In id order, so a feed's newest live subscription is the one kept, as in `current`.
      for (const row of subs.all()) if (row.feed_id !== null && liveStates.has(row.state)) byFeed.set(row.feed_id, row);
      return byFeed;
    },
    resume() {
      for (const row of subs.all()) {
        if (row.feed_id === null && row.state !== 'unsubscribing') subs.remove(row.id);
        else scheduleFor(row);
      }
    },
    subscribeAll,
    async settle() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
    async close() {
      deferred.close();
      for (const timer of timers.values()) timer.cancel();
      timers.clear();
      closing.abort();
      await Promise.allSettled([...inflight]);
    },
  };
}
