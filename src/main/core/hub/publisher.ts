import type { Clock } from '../clock';
import type { Log } from '../context';
import type { OutboundClient } from './outbound-request';
import type { PublishPingsRepo } from './publish-pings-repo';
import { retryDelayMs, type HubTuning } from './tuning';

export interface PublisherDeps {
  clock: Clock;
  log: Log;
  pings: PublishPingsRepo;
  client: OutboundClient;
  tuning: HubTuning;
  userAgent: string;
  changed(): void;
}

export interface Publisher {
  /** The hubs named in the settings (kept in step with `shareHubUrls`). */
  setHubs(urls: readonly string[]): void;
  /** Pings owed (written by the change's transaction): look now. */
  kick(): void;
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Tidings as a publisher: tells each external hub of `shareHubUrls` that the
 * shared feed changed, with `hub.mode=publish&hub.url=<topic>` (the form
 * PubSubHubbub hubs take), and keeps each answer for the Sharing panel. A
 * failed ping is tried again with the delivery backoff; the owed ping is in
 * SQLite, so a restart still sends it. Hubs answer 200, 202 or 204 for success.
 */
export function createPublisher(deps: PublisherDeps): Publisher {
  const { clock, pings, tuning } = deps;
  const inFlight = new Map<string, Promise<void>>();
  let timer: { cancel(): void } | null = null;
  let closed = false;

  function pump(): void {
    if (closed) return;
    timer?.cancel();
    timer = null;
    const now = clock.now();
    let next = Infinity;
    for (const row of pings.all()) {
      if (row.topic === null || row.next_attempt_at === null || inFlight.has(row.hub_url)) continue;
      if (row.next_attempt_at > now) {
        next = Math.min(next, row.next_attempt_at);
        continue;
      }
      const topic = row.topic;
      const sending = ping(row.hub_url, topic, row.attempts, row.next_attempt_at)
        .catch((error: unknown) => deps.log('a hub ping failed unexpectedly', error))
        .finally(() => {
          inFlight.delete(row.hub_url);
          pump();
        });
      inFlight.set(row.hub_url, sending);
    }
    if (next !== Infinity) timer = clock.setTimeout(pump, Math.max(0, next - now));
  }

  async function ping(hubUrl: string, topic: string, attempts: number, claimedAt: number): Promise<void> {
    let url: URL;
    try {
      url = new URL(hubUrl);
    } catch {
      pings.answered(hubUrl, claimedAt, { at: clock.now(), text: 'not a valid address', ok: false }, null);
      return;
    }
    const body = new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString();
    const result = await deps.client.send({
      url,
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': deps.userAgent,
      },
      body,
      timeoutMs: tuning.deliveryTimeoutMs,
      maxResponseBytes: 2048,
    });
    if (closed) return;
    const now = clock.now();
    const ok = result.kind === 'answered' && result.status >= 200 && result.status < 300;
    let text = result.kind === 'answered' ? `HTTP ${result.status}` : result.reason;
    // A refusal's body is the hub's own explanation (REC §5.1.2): worth showing, briefly.
    const said = result.kind === 'answered' && !ok ? result.body.toString('utf8').replace(/\s+/g, ' ').trim() : '';
    if (said) text += `: ${said.slice(0, 200)}`;
    const tries = attempts + 1;
    const retry = !ok && tries <= tuning.maxRetries;
    pings.answered(
      hubUrl,
      claimedAt,
      { at: now, text: retry || ok ? text : `${text}; gave up after ${tries} tries`, ok },
      retry ? { topic, attempts: tries, at: now + retryDelayMs(tuning, tries) } : null,
    );
    deps.changed();
  }

  return {
    setHubs: (urls) => pings.sync(urls),
    kick: pump,
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
