import type { IncomingHttpHeaders } from 'node:http';
import type { Delivery, DeliveryMode, PushOutlook, Status } from '../../../shared/api';
import type { CoreContext } from '../context';
import { decodeBody } from '../feeds/decode-body';
import type { LoadedFeed } from '../feeds/load-feed';
import { parseDocument, type ParsedFeed } from '../feeds/parse-document';
import { sniffDocument } from '../feeds/sniff-document';
import { startCallbackServer, type Answer, type CallbackServer, type CallbackServerOptions } from './callback-server';
import { describeDelivery, hubInDoubt } from './delivery-status';
import { discoverFromLoaded, discoverHub, feedDocumentLinks, htmlDocumentLinks, type Discovered } from './discover-hub';
import { pushOutlook } from './push-outlook';
import { createInbox } from './inbox';
import { shortBusyWait } from './passing-errors';
import { parsePings } from './parse-ping';
import { checkSignature } from './signature';
import { createSubscriber } from './subscriber';
import { createInboxRepo, createSubscriptionsRepo, createWebSubFeedsRepo } from './subscriptions-repo';
import { defaultTuning, type WebSubTuning } from './tuning';

export interface WebSubOptions {
  /** Port of the callback server (0: any free one). */
  callbackPort?: number;
  /** Address it binds; loopback by default, since a tunnel or reverse proxy on this machine reaches it. */
  callbackHost?: string;
  /** Public base URL that reaches the callback server (a reverse proxy); null until a tunnel gives one. */
  publicUrl?: string | null;
  tuning?: Partial<WebSubTuning>;
  /** Further routes of the public listener (sharing's /hub and /shared.atom). */
  publicRoutes?: CallbackServerOptions['routes'];
}

export interface WebSubSettings {
  pushEnabled(): boolean;
  allowHttpSecret(): boolean;
}

/** What the rest of the core (and the poller, the tunnel, the shells) sees of WebSub. */
export interface WebSub {
  feedAdded(feedId: number, loaded: LoadedFeed): void;
  /** `added`: items the fetch found new; on a feed live by push they are items the hub never delivered. */
  feedFetched(feedId: number, loaded: LoadedFeed, added: number): void;
  feedRemoved(feedId: number): void;
  deliveryOf(feedId: number): Delivery;
  /** Whether a feed discovery found would come by push now, and why (before it is added). */
  outlook(found: Discovered): PushOutlook;
  /** deliveryOf for every feed WebSub knows of, in three reads instead of three per feed. */
  deliveries(): Map<number, Delivery>;
  /** How many feeds are in each delivery mode other than plain polling (only feeds that name a hub can be). */
  modeCounts(): Record<DeliveryMode, number>;
  /** True while pushes for this feed can reach us: the poller then only does rare safety polls. */
  isPushLive(feedId: number): boolean;
  /** A new public base (tunnel or reverse proxy): every push feed is re-subscribed with callbacks on it. */
  setPublicBaseUrl(url: string | null): void;
  /** `why`: the tunnel's reason when it is down, to say instead of a generic one. */
  pushStatus(why?: string | null): Status['push'];
  /** Push was switched on or off in the settings. */
  enabledChanged(enabled: boolean): void;
  /** The callback server's local origin (what a tunnel forwards to), once started. */
  callbackOrigin(): string | null;
  callbackPort(): number | null;
  healthToken(): string | null;
  start(): Promise<void>;
  /** Waits for hub requests and inbox merges under way (tests). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface WebSubDeps {
  ctx: CoreContext;
  settings: WebSubSettings;
  /** Fetches a feed now (a ping that carried no readable feed means "go and look"). */
  refresh(feedId: number): void;
  /** The part's status changed (getStatus().push). */
  statusChanged(): void;
}

/** Discovery, subscriptions, the callback server and the inbox, composed. */
export function createWebSub(deps: WebSubDeps, options: WebSubOptions = {}): WebSub {
  const { ctx, settings } = deps;
  const { db, clock, log, library } = ctx;
  const tuning: WebSubTuning = { ...defaultTuning, ...options.tuning };
  const subs = createSubscriptionsRepo(db);
  const feeds = createWebSubFeedsRepo(db);
  const inboxRepo = createInboxRepo(db);
  let server: CallbackServer | null = null;

  const subscriber = createSubscriber({
    clock,
    log,
    subs,
    feeds,
    tuning,
    enabled: settings.pushEnabled,
    allowHttpSecret: settings.allowHttpSecret,
    feedExists: (feedId) => library.feeds.get(feedId) !== undefined,
    rediscover,
    changed: (feedId) => {
      if (library.feeds.get(feedId)) library.announce(feedId);
      statusSoon();
    },
    briefly: shortBusyWait(db, 250),
  });

  // The status counts feeds by mode, which costs a pass over every feed: a
  // burst of changes (a new public URL re-subscribes everything) announces it once.
  let statusTimer: { cancel(): void } | null = null;
  function statusSoon() {
    statusTimer ??= clock.setTimeout(() => {
      statusTimer = null;
      deps.statusChanged();
    }, 250);
  }

  const inbox = createInbox({
    db,
    inbox: inboxRepo,
    feeds,
    log,
    async parse(rows) {
      const feedUrl = (feedId: number) => library.feeds.get(feedId)?.url ?? 'http://localhost/';
      const parsed = await parsePings(
        rows.map((row) => ({ body: row.body, contentType: row.content_type, feedUrl: feedUrl(row.feed_id) })),
      );
      return parsed.map((feed) => feed?.items ?? null);
    },
    // Payloads often carry only the new entries: merging never deletes what a ping leaves out.
    mergeNow(feedId, items) {
      if (library.feeds.get(feedId)) library.mergeNow(feedId, items);
    },
    async mergeLong(feedId, items, last) {
      await library.merge(feedId, items, undefined, last);
    },
    chunkItems: (ms) => library.chunkItems(ms),
    unreadable(feedId) {
      // A thin ping means "go and look": what that fetch finds is no sign of a forgetful hub.
      thinPingAt.set(feedId, clock.now());
      deps.refresh(feedId);
    },
  });
  const thinPingAt = new Map<number, number>();

  /** Live by push, and not in doubt since a poll caught the hub missing items (then polled as usual). */
  const isPushLive = (feedId: number) => subscriber.isLive(feedId) && !hubInDoubt(feeds.get(feedId));

  /**
   * Subscriptions that heal themselves: a poll (the safety poll or a refresh)
   * that finds items a live hub never delivered means the hub forgot us, or
   * stopped delivering. Subscribe again at once, count it, and poll as usual
   * until the hub delivers again. Not evidence: a fetch a thin ping asked for,
   * and pings stored but not merged yet.
   */
  function fetched(feedId: number, loaded: LoadedFeed, added: number) {
    const wasLive = isPushLive(feedId);
    const before = feeds.get(feedId);
    discoverLoaded(feedId, loaded);
    const thin = thinPingAt.get(feedId);
    thinPingAt.delete(feedId);
    if (!wasLive || added <= 0 || (thin !== undefined && clock.now() - thin < 10 * 60_000)) return;
    const after = feeds.get(feedId);
    // A new hub or topic is subscribed by discovery anyway.
    if (after?.hub_url !== before?.hub_url || after?.topic !== before?.topic) return;
    if (inboxRepo.holds(feedId)) return;
    feeds.resubscribed(feedId, clock.now());
    void subscriber.resubscribe(feedId).catch((error) => log(`subscribing feed ${feedId} again failed`, error));
    if (library.feeds.get(feedId)) library.announce(feedId);
  }

  async function rediscover(feedId: number): Promise<Discovered | null> {
    const row = library.feeds.get(feedId);
    if (!row) return null;
    try {
      const resource = await ctx.fetcher(row.url, ctx.fetchOptions);
      if (resource.status < 200 || resource.status >= 300) return null;
      const text = decodeBody(resource.body, resource.headers.get('content-type'));
      const kind = sniffDocument(text);
      const documentLinks =
        kind === 'feed' || kind === 'json'
          ? feedDocumentLinks((await parseDocument({ text, url: resource.url, headers: resource.headers })).links)
          : kind === 'html'
            ? htmlDocumentLinks(text, resource.url)
            : [];
      return discoverHub({ finalUrl: resource.url, linkHeader: resource.headers.get('link'), documentLinks });
    } catch (error) {
      log(`discovery for feed ${feedId} failed`, error);
      return null;
    }
  }

  function discoverLoaded(feedId: number, loaded: LoadedFeed) {
    subscriber.discovered(feedId, discoverFromLoaded(loaded));
  }

  async function deliver(callbackId: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> {
    // Routed by the callback alone: a delivery's Link rel=self never decides its feed (REC §7).
    const row = subscriber.receiving(callbackId);
    if (!row || row.feed_id === null) return { status: 410, body: 'This subscription no longer exists' };
    if (row.secret) {
      const signature = headers['x-hub-signature'];
      const check = checkSignature(Array.isArray(signature) ? signature[0] : signature, body, row.secret);
      // Unsigned: refused, so a hub (or a forger) learns it must sign (websub.rocks 302).
      if (check === 'missing') return { status: 403, body: 'A signature is required' };
      if (check === 'invalid') {
        // Acknowledged but dropped (§7.1.2), and counted where the user sees it.
        feeds.rejected(row.feed_id);
        library.announce(row.feed_id);
        return { status: 200, body: '' };
      }
    }
    const contentType = headers['content-type'] ?? null;
    await inbox.store({
      feedId: row.feed_id,
      subscriptionId: row.id,
      contentType,
      body,
      receivedAt: clock.now(),
    });
    return { status: 200, body: '' };
  }

  function pushStatus(why?: string | null): Status['push'] {
    const base = subscriber.base();
    if (!settings.pushEnabled()) {
      return { state: 'off', publicUrl: null, reason: 'Push is turned off in the settings: every feed is polled.' };
    }
    if (!server) return { state: 'starting', publicUrl: base, reason: null };
    if (base === null) {
      return {
        state: 'down',
        publicUrl: null,
        reason: why ?? 'No public address reaches Tidings yet (a tunnel or --public-url), so every feed is polled.',
      };
    }
    return { state: 'up', publicUrl: base, reason: null };
  }

  return {
    feedAdded: discoverLoaded,
    feedFetched: fetched,
    feedRemoved: (feedId) => subscriber.unsubscribeFeed(feedId),
    deliveryOf(feedId) {
      return describeDelivery({
        enabled: settings.pushEnabled(),
        base: subscriber.base(),
        now: clock.now(),
        link: feeds.get(feedId),
        current: subscriber.current(feedId),
      });
    },
    outlook: (found) => pushOutlook(found, { pushEnabled: settings.pushEnabled(), base: subscriber.base() }),
    deliveries() {
      const facts = { enabled: settings.pushEnabled(), base: subscriber.base(), now: clock.now() };
      const links = new Map(feeds.all().map((link) => [link.feed_id, link]));
      const current = subscriber.currentByFeed();
      const all = new Map<number, Delivery>();
      for (const feedId of new Set([...links.keys(), ...current.keys()])) {
        all.set(feedId, describeDelivery({ ...facts, link: links.get(feedId), current: current.get(feedId) }));
      }
      return all;
    },
    modeCounts() {
      const counts: Record<DeliveryMode, number> = { push: 0, pending: 0, polling: 0, denied: 0, error: 0 };
      const facts = { enabled: settings.pushEnabled(), base: subscriber.base(), now: clock.now() };
      for (const link of feeds.withHub()) {
        counts[describeDelivery({ ...facts, link, current: subscriber.current(link.feed_id) }).mode]++;
      }
      return counts;
    },
    isPushLive,
    setPublicBaseUrl(url) {
      subscriber.setBase(url);
      deps.statusChanged();
    },
    pushStatus,
    enabledChanged(enabled) {
      if (enabled) subscriber.subscribeAll();
      for (const link of feeds.withHub()) if (library.feeds.get(link.feed_id)) library.announce(link.feed_id);
      deps.statusChanged();
    },
    callbackOrigin: () => server?.origin ?? null,
    callbackPort: () => server?.port ?? null,
    healthToken: () => server?.healthToken ?? null,
    async start() {
      server = await startCallbackServer(
        {
          verify: subscriber.verify,
          accepts: (callbackId) => subscriber.receiving(callbackId) !== undefined,
          deliver,
        },
        {
          port: options.callbackPort ?? 0,
          host: options.callbackHost ?? '127.0.0.1',
          maxBodyBytes: tuning.maxPingBytes,
          routes: options.publicRoutes,
          log,
        },
      );
      // Acknowledged pings a crash left unmerged come first.
      inbox.drain();
      subscriber.resume();
      if (options.publicUrl) subscriber.setBase(options.publicUrl);
      deps.statusChanged();
    },
    async settle() {
      await subscriber.settle();
      await inbox.idle();
    },
    async close() {
      statusTimer?.cancel();
      await server?.close();
      await subscriber.close();
      await inbox.close();
    },
  };
}
