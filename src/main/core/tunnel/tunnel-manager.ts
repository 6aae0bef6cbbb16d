import type { TunnelStatus } from '../../../shared/api';
import type { Clock } from '../clock';
import type { Log } from '../context';
import { httpGet } from './http-get';
import { openTunnel, type OpenedTunnel } from './open-tunnel';
import { publicBaseUrl } from './tunnel-url';

export interface TunnelTuning {
  /** How often the public URL is checked to still reach the callback server. */
  healthIntervalMs: number;
  /** Consecutive failed checks that count as a dropped tunnel. */
  healthFailures: number;
  /** For opening a tunnel, and for one health check. */
  timeoutMs: number;
  /** First reconnection delay; doubles per failure up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /**
   * When the server hands out another name than ours (it still holds our
   * previous tunnel for a grace second after a quick restart), wait this long
   * and ask again, a few times, before taking the other name: callbacks on the
   * old URL stay valid only if we get our name back.
   */
  reclaimDelayMs: number;
}

export const defaultTunnelTuning: TunnelTuning = {
  healthIntervalMs: 60_000,
  healthFailures: 2,
  timeoutMs: 15_000,
  retryBaseMs: 2_000,
  retryMaxMs: 5 * 60_000,
  reclaimDelayMs: 1_500,
};

const reclaimTries = 3;

export interface TunnelDeps {
  clock: Clock;
  log: Log;
  tuning: TunnelTuning;
  /** The tunnel server to use now, or null when no tunnel should run (push off, an own public URL). */
  host(): string | null;
  /** This install's stable requested subdomain. */
  subdomain(): string;
  /** The callback server: the only thing the tunnel forwards to. */
  callbackPort(): number | null;
  /** What the callback server's /health answers, so a check proves the tunnel reaches us. */
  healthToken(): string | null;
  /** The public base for WebSub callbacks (null: none, feeds are polled). */
  setPublicBaseUrl(url: string | null): void;
  changed(): void;
}

export interface TunnelManager {
  start(): void;
  /** Settings changed (host, push): reconnect from scratch, or stop. */
  restart(): void;
  status(): TunnelStatus;
  close(): Promise<void>;
}

/**
 * Keeps one localtunnel to the callback server alive: opens it with this
 * install's subdomain, proves it with a health request through the public URL,
 * re-checks it periodically, and on any failure falls back to polling (public
 * URL withdrawn) and reconnects with backoff. A new public URL re-subscribes
 * every push feed (the WebSub part does that when told the new base).
 */
export function createTunnelManager(deps: TunnelDeps): TunnelManager {
  const { clock, log, tuning } = deps;
  let state: TunnelStatus = { state: 'off', host: null, url: null, reason: null };
  let tunnel: OpenedTunnel | null = null;
  let timer: { cancel(): void } | null = null;
  let attempts = 0;
  let healthMisses = 0;
  let reclaims = 0;
  let generation = 0;
  let closed = false;

  const set = (next: TunnelStatus) => {
    state = next;
    deps.changed();
  };
  const wait = (ms: number, fn: () => void) => {
    timer?.cancel();
    timer = clock.setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
  const stopTunnel = () => {
    tunnel?.close();
    tunnel = null;
  };

  async function connect(run: number) {
    const host = deps.host();
    const port = deps.callbackPort();
    if (closed || run !== generation) return;
    if (!host || port === null) {
      stopTunnel();
      // Only a base this tunnel gave is withdrawn: an own public URL is none of its business.
      if (state.state !== 'off') deps.setPublicBaseUrl(null);
      return set({ state: 'off', host: null, url: null, reason: null });
    }
    set({ state: 'connecting', host, url: null, reason: null });
    let opened: OpenedTunnel;
    const subdomain = deps.subdomain();
    try {
      opened = await openTunnel({ host, subdomain, localPort: port, timeoutMs: tuning.timeoutMs });
    } catch (error) {
      return failed(run, error instanceof Error ? error.message : String(error));
    }
    if (closed || run !== generation) return opened.close();
    if (!new URL(opened.url).hostname.startsWith(`${subdomain}.`) && reclaims < reclaimTries) {
      reclaims++;
      opened.close();
      return wait(tuning.reclaimDelayMs, () => void connect(run));
    }
    reclaims = 0;
    tunnel = opened;
    const url = publicBaseUrl(opened.url, host);
    if (!(await healthy(url))) {
      stopTunnel();
      return failed(run, `The tunnel opened at ${url} but does not reach Tidings.`);
    }
    if (closed || run !== generation) return;
    attempts = 0;
    healthMisses = 0;
    opened.onFailure((reason) => {
      if (run === generation && tunnel === opened) dropped(run, reason);
    });
    deps.setPublicBaseUrl(url);
    set({ state: 'up', host, url, reason: null });
    wait(tuning.healthIntervalMs, () => void check(run, url));
  }

  async function healthy(url: string): Promise<boolean> {
    try {
      const answer = await httpGet(`${url}/health`, tuning.timeoutMs);
      const token = deps.healthToken();
      return answer.status === 200 && (token === null || answer.body === token);
    } catch {
      return false;
    }
  }

  async function check(run: number, url: string) {
    if (closed || run !== generation) return;
    if (await healthy(url)) healthMisses = 0;
    else if (++healthMisses >= tuning.healthFailures) {
      return dropped(run, `The tunnel stopped answering at ${url}.`);
    }
    if (run === generation) wait(tuning.healthIntervalMs, () => void check(run, url));
  }

  /** A tunnel that was up went away: poll meanwhile, reconnect. */
  function dropped(run: number, reason: string) {
    if (closed || run !== generation) return;
    log(`tunnel down: ${reason}`);
    stopTunnel();
    deps.setPublicBaseUrl(null);
    failed(run, reason);
  }

  function failed(run: number, reason: string) {
    if (closed || run !== generation) return;
    const delay = Math.min(tuning.retryMaxMs, tuning.retryBaseMs * 2 ** attempts) * (0.9 + Math.random() * 0.2);
    attempts++;
    deps.setPublicBaseUrl(null);
    set({ state: 'down', host: state.host ?? deps.host(), url: null, reason: `${reason} Feeds are polled meanwhile.` });
    wait(Math.round(delay), () => void connect(run));
  }

  function restart() {
    generation++;
    timer?.cancel();
    timer = null;
    stopTunnel();
    attempts = 0;
    void connect(generation).catch((error: unknown) => log('the tunnel failed', error));
  }

  return {
    start: restart,
    restart,
    status: () => state,
    async close() {
      closed = true;
      timer?.cancel();
      stopTunnel();
    },
  };
}
