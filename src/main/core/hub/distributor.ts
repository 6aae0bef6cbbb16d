import { createHmac } from 'node:crypto';
import type { Clock } from '../clock';
import type { Log } from '../context';
import type { DueDelivery, HubSubscriptionsRepo } from './hub-subscriptions-repo';
import type { OutboundClient, OutboundResult } from './outbound-request';
import { atomContentType } from './shared-atom';
import { retryDelayMs, type HubTuning } from './tuning';

export interface TopicDocument {
  version: number;
  body: Buffer;
}

export interface DistributorDeps {
  clock: Clock;
  log: Log;
  subs: HubSubscriptionsRepo;
  client: OutboundClient;
  tuning: HubTuning;
  userAgent: string;
  /** The feed document as a GET of `topic` returns it now. */
  documentFor(topic: string): TopicDocument;
  hubUrlOf(topic: string): string;
  /** A delivery was answered (or given up): the Sharing panel's figures moved. */
  changed(): void;
}

export interface Distributor {
  /** Deliveries were queued (or are due): look now. */
  kick(): void;
  /** Waits until nothing is in flight (tests, shutdown). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Works the delivery queue in SQLite: sends each due delivery (the full feed
 * document, the same bytes and Content-Type as a GET, the Link headers, a
 * sha256 signature when the subscriber gave a secret), a bounded number at
 * once. 2xx: done. 410: the subscription is deleted. Anything else, or no
 * answer: tried again after 5^n s, up to maxRetries times; the subscription
 * itself stays until its lease ends. The queue is the table, so a restart or
 * a sleep only delays what is owed.
 */
export function createDistributor(deps: DistributorDeps): Distributor {
  const { clock, subs, tuning } = deps;
  const inFlight = new Map<number, Promise<void>>();
  let timer: { cancel(): void } | null = null;
  let timerAt = Infinity;
  let closed = false;
  let lastExpiry = -Infinity;

  function pump(): void {
    if (closed) return;
    const now = clock.now();
    if (now - lastExpiry > 60_000) {
      lastExpiry = now;
      subs.expire(now, now - tuning.purgeAfterMs);
    }
    const room = tuning.deliveryConcurrency - inFlight.size;
    if (room > 0) {
      // In-flight rows are still due in the table: ask for enough to find `room` others.
      for (const row of subs.due(now, room + inFlight.size)) {
        if (inFlight.size >= tuning.deliveryConcurrency) break;
        if (inFlight.has(row.subscription_id)) continue;
        const sending = send(row)
          .catch((error: unknown) => deps.log('a hub delivery failed unexpectedly', error))
          .finally(() => {
            inFlight.delete(row.subscription_id);
            pump();
          });
        inFlight.set(row.subscription_id, sending);
      }
    }
    // While deliveries are in flight their completions pump again; otherwise wake for the next due one.
    if (inFlight.size === 0) schedule(subs.nextDueAt());
  }

  function schedule(at: number | null): void {
    if (at === null) return;
    if (timer && at >= timerAt) return;
    timer?.cancel();
    timerAt = at;
    timer = clock.setTimeout(
      () => {
        timer = null;
        timerAt = Infinity;
        pump();
      },
      Math.max(0, at - clock.now()),
    );
  }

  async function send(row: DueDelivery): Promise<void> {
    if (row.lease_expires_at <= clock.now()) {
      subs.dequeue(row.subscription_id, row.version);
      return;
    }
    const document = deps.documentFor(row.topic);
    const headers: Record<string, string | string[]> = {
      'content-type': atomContentType,
      'content-length': String(document.body.length),
      link: [`<${row.topic}>; rel="self"`, `<${deps.hubUrlOf(row.topic)}>; rel="hub"`],
      'user-agent': deps.userAgent,
    };
    if (row.secret) {
      headers['x-hub-signature'] = `sha256=${createHmac('sha256', row.secret).update(document.body).digest('hex')}`;
    }
    const result = await deps.client.send({
      url: new URL(row.callback),
      method: 'POST',
      headers,
      body: document.body,
      timeoutMs: tuning.deliveryTimeoutMs,
      maxResponseBytes: 4096,
    });
    if (closed) return;
    settleDelivery(row, result);
    deps.changed();
  }

  function settleDelivery(row: DueDelivery, result: OutboundResult): void {
    const now = clock.now();
    const status = result.kind === 'answered' ? `HTTP ${result.status}` : result.reason;
    if (result.kind === 'answered' && result.status >= 200 && result.status < 300) {
      subs.dequeue(row.subscription_id, row.version);
      subs.recordDelivery(row.subscription_id, now, status, true);
      return;
    }
    if (result.kind === 'answered' && result.status === 410) {
      // The subscriber says it is gone for good (REC §7: hubs may drop it).
      subs.removeById(row.subscription_id);
      deps.log(`hub: ${new URL(row.callback).host} answered 410, its subscription is deleted`);
      return;
    }
    const attempts = row.attempts + 1;
    if (attempts > tuning.maxRetries) {
      subs.dequeue(row.subscription_id, row.version);
      subs.recordDelivery(row.subscription_id, now, `${status}; gave up after ${attempts} tries`, false);
      return;
    }
    subs.reschedule(row.subscription_id, row.version, attempts, now + retryDelayMs(tuning, attempts));
    subs.recordDelivery(row.subscription_id, now, status, false);
  }

  return {
    kick: () => {
      // A kick may bring due work forward of the timer.
      timer?.cancel();
      timer = null;
      timerAt = Infinity;
      pump();
    },
    async settle() {
      while (inFlight.size > 0) await Promise.all([...inFlight.values()]);
    },
    async close() {
      closed = true;
      timer?.cancel();
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
