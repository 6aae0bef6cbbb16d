import type { Db } from './db/open-db';
import type { Settings, Status } from '../../shared/api';
import type { Clock } from './clock';
import type { CoreContext, CoreMethods, Log } from './context';
import { createEventHub, type EventHub } from './events';
import { fetchUrl, type FetchOptions } from './feeds/fetch-url';
import type { Fetcher } from './feeds/load-feed';
import { createFeedMethods } from './feeds/feed-methods';
import { createCheckFeedMethod } from './websub/check-feed-method';
import { createLibrary } from './library';
import { createSettings } from './settings-methods';
import { createSearchMethods } from './search/search-methods';
import { createReadStateMethods } from './reading/read-state-methods';
import { createRetention } from './retention/retention';
import { createFolderMethods } from './folders/folder-methods';
import { createOpmlMethods } from './opml/opml-methods';
import { createPoller, type Poller, type PollerOptions } from './poller/create-poller';
import { createChangesSince } from './changes/changes-since';
import { createWebSub, type WebSub, type WebSubOptions } from './websub/websub-part';
import { createTunnelManager, defaultTunnelTuning, type TunnelTuning } from './tunnel/tunnel-manager';
import { newSubdomain } from './tunnel/tunnel-url';
import { createSharing, type SharingPart } from './hub/sharing-part';
import type { HubTuning } from './hub/tuning';
import { randomBytes } from 'node:crypto';
import { createFeedIcons, type FeedIcons, type IconTuning } from './icons/feed-icons';
import { createRuleMethods, type RulesPart } from './rules/rule-methods';
import { createArticleMethods, type ArticleTuning } from './article/article-methods';

export type { CoreMethods, Log } from './context';

export interface ReaderDeps {
  db: Db;
  clock: Clock;
  log: Log;
  version: string;
  fetcher?: Fetcher;
  /** Limits for every feed fetch (size, time, redirects). */
  fetchOptions?: FetchOptions;
  /** Polling concurrency and randomness (tests make jitter predictable). */
  pollerOptions?: PollerOptions;
  /** Settings the shell forces for this run (--no-push, --allow-http-secret), over the stored ones. */
  settingsOverrides?: Partial<Settings>;
  /** The WebSub callback server and public base URL. */
  websub?: WebSubOptions;
  /** Run a localtunnel for the callback server (the shells turn it on; tests name their own server). */
  tunnel?: { tuning?: Partial<TunnelTuning> };
  /** Feed icons' timings and size caps (tests shorten them). */
  iconTuning?: Partial<IconTuning>;
  articleTuning?: Partial<ArticleTuning>;
  /** Tidings as a hub: `allowPrivateCallbacks` is the host flag --hub-allow-private-callbacks. */
  hub?: { allowPrivateCallbacks?: boolean; tuning?: Partial<HubTuning> };
}

export interface Reader extends CoreMethods {
  events: EventHub;
  /** The polling schedule (tests drive it with an injected clock). */
  poller: Poller;
  /** WebSub: `isPushLive`, `setPublicBaseUrl` (the tunnel), the callback server. */
  push: WebSub;
  /** Feed icons (tests and the bench look at what is stored). */
  icons: FeedIcons;
  /** Sharing: the shared feed, the hub and its delivery queue. */
  sharing: SharingPart;
  /** Starts what listens (the callback server) and replays the ping inbox; startCore calls it. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The core: composes the parts, each implementing some methods of the
 * contract, and starts them in a visible order. Both shells (Electron and the
 * headless host) build exactly one of these and forward to it.
 */
export function createReader(deps: ReaderDeps): Reader {
  const events = createEventHub(deps.log);
  // The library reports each feed's delivery as WebSub sees it (the part is built below).
  // Icons and rules are built below; the library asks them through these two seams.
  const library = createLibrary(
    deps.db,
    events,
    deps.clock,
    (feedId) => websub.deliveryOf(feedId),
    () => websub.deliveries(),
    {
      iconOf: (feedId) => icons.iconUrl(feedId),
      newItems: (feed, added) => rules.onNewItems(feed, added),
    },
  );
  const ctx: CoreContext = {
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
    events,
    library,
    fetcher: deps.fetcher ?? fetchUrl,
    fetchOptions: deps.fetchOptions,
    version: deps.version,
  };

  function status(): Status {
    const totals = library.feeds.totals();
    // Only feeds that name a hub can be anything but polled: count those, not every feed (status is sent often).
    const feedsByMode = websub.modeCounts();
    const counted =
      feedsByMode.push + feedsByMode.pending + feedsByMode.polling + feedsByMode.denied + feedsByMode.error;
    feedsByMode.polling += totals.feeds - counted;
    return {
      version: deps.version,
      feedCount: totals.feeds,
      unreadCount: totals.unread,
      push: websub.pushStatus(tunnel.status().reason),
      tunnel: tunnel.status(),
      feedsByMode,
    };
  }
  const statusChanged = () => events.emit('statusChanged', status());

  const settings = createSettings(ctx, deps.settingsOverrides);
  // Sharing serves on the public address push uses (routed by the same listener), and only while there is one.
  const sharing = createSharing({
    ctx,
    settings: settings.current,
    publicBase: () => websub.pushStatus().publicUrl,
    whyNoBase: () =>
      websub.pushStatus(tunnel.status().reason).reason ??
      'no public address reaches Tidings yet (a tunnel or --public-url).',
    allowPrivateCallbacks: deps.hub?.allowPrivateCallbacks ?? false,
    tuning: deps.hub?.tuning,
  });
  const offSharingBase = events.on('statusChanged', () => sharing.baseChanged());
  const offSharingSettings = settings.onChange((now, before) => sharing.settingsChanged(now, before));
  const websub: WebSub = createWebSub(
    {
      ctx,
      settings: {
        pushEnabled: () => settings.current().pushEnabled,
        allowHttpSecret: () => settings.current().allowHttpSecret,
      },
      // A ping without a readable feed in it means "go and look".
      refresh: (feedId) => void feeds.refresh(feedId).catch(() => {}),
      statusChanged,
    },
    // The own public URL is a setting (the --public-url flag sets it for the run).
    {
      ...deps.websub,
      publicUrl: settings.current().publicUrl,
      publicRoutes: { '/hub': sharing.routes.hub, '/shared.atom': sharing.routes.sharedFeed },
    },
  );
  // The tunnel gives the callback server a public URL unless push is off or an own public URL is set.
  const tunnel = createTunnelManager({
    clock: deps.clock,
    log: deps.log,
    tuning: { ...defaultTunnelTuning, ...deps.tunnel?.tuning },
    host: () =>
      deps.tunnel && settings.current().pushEnabled && !settings.current().publicUrl
        ? settings.current().tunnelHost
        : null,
    subdomain: () => {
      const chosen = settings.current().tunnelSubdomain;
      if (chosen) return chosen;
      const fresh = newSubdomain(randomBytes);
      void settings.updateSettings({ tunnelSubdomain: fresh });
      return fresh;
    },
    callbackPort: () => websub.callbackPort(),
    healthToken: () => websub.healthToken(),
    setPublicBaseUrl: (url) => websub.setPublicBaseUrl(url),
    changed: statusChanged,
  });
  const offPushSetting = settings.onChange((now, before) => {
    if (now.pushEnabled !== before.pushEnabled) websub.enabledChanged(now.pushEnabled);
    if (now.pushEnabled !== before.pushEnabled || now.tunnelHost !== before.tunnelHost) tunnel.restart();
    if (now.publicUrl !== before.publicUrl) {
      // The tunnel stops (or starts) first, synchronously withdrawing its own base; then the own URL takes over.
      if (now.publicUrl === null) websub.setPublicBaseUrl(null);
      tunnel.restart();
      if (now.publicUrl !== null) websub.setPublicBaseUrl(now.publicUrl);
    }
  });
  const icons = createFeedIcons({
    db: deps.db,
    feeds: library.feeds,
    clock: deps.clock,
    log: deps.log,
    fetcher: ctx.fetcher,
    announce: library.announce,
    tuning: deps.iconTuning,
  });
  const rules: RulesPart = createRuleMethods(ctx, () => statusChanged());
  const articles = createArticleMethods(ctx, deps.articleTuning);
  // New items of feeds set to "always show the full article" are read ahead, so they open offline too.
  const offPrefetch = events.on('itemsAdded', ({ feedId, items }) => {
    if (settings.current().fullArticleFeedIds.includes(feedId)) articles.prefetch(items.map((item) => item.id));
  });
  // Discovery on add and after each fetch; removing a feed unsubscribes at its hub. Icons follow the same two events.
  const feeds = createFeedMethods(
    ctx,
    {
      feedAdded: (feedId, loaded) => {
        websub.feedAdded(feedId, loaded);
        icons.feedAdded(feedId, loaded.feed.iconUrl);
      },
      feedFetched: (feedId, loaded, added) => {
        websub.feedFetched(feedId, loaded, added);
        icons.feedFetched(feedId, loaded.feed.iconUrl);
      },
      feedRemoved: websub.feedRemoved,
    },
    statusChanged,
  );
  const checkFeed = createCheckFeedMethod(ctx, websub.outlook);
  const folders = createFolderMethods(ctx);
  // Imported feeds are stored at once, then fetched in the background through the same refresh as any feed.
  const opml = createOpmlMethods(ctx, { folders, refresh: feeds.refresh, statusChanged });
  const search = createSearchMethods(ctx);
  const readState = createReadStateMethods(ctx, statusChanged);
  // Retention runs in small batches on a timer, and again whenever its setting changes.
  const retention = createRetention({ ...ctx, keepReadDays: () => settings.current().keepReadDays });
  const stopRetention = retention.start();
  const offRetentionSetting = settings.onChange((now, before) => {
    if (now.keepReadDays !== before.keepReadDays)
      void retention.runNow().catch((e: unknown) => ctx.log('retention cleanup failed', e));
  });
  // Polling: every feed at start (catch-up), then each on its own schedule; manual refreshes teach it too.
  const poller = createPoller({
    ...ctx,
    fetchFeed: feeds.fetchDetailed,
    settings: settings.current,
    isPushLive: websub.isPushLive,
    ...deps.pollerOptions,
  });
  poller.start();
  const changes = createChangesSince(deps.db, library, events);

  return {
    events,
    addFeed: feeds.addFeed,
    checkFeed: checkFeed.checkFeed,
    removeFeed: feeds.removeFeed,
    listFeeds: feeds.listFeeds,
    listItems: feeds.listItems,
    getItem: feeds.getItem,
    setRead: feeds.setRead,
    refreshFeed: async ({ feedId }) => {
      const outcome = await poller.pollNow(feedId);
      if (outcome.error) throw outcome.error;
      return { added: outcome.added };
    },
    refreshAll: () => poller.refreshAll(),
    resume: () => {
      sharing.resume();
      return poller.resume();
    },
    changesSince: changes.changesSince,
    poller,
    push: websub,
    icons,
    sharing,
    start: async () => {
      await websub.start();
      sharing.start();
      tunnel.start();
      icons.start();
    },
    getStatus: async () => status(),
    getSettings: settings.getSettings,
    updateSettings: settings.updateSettings,
    setStarred: readState.setStarred,
    search: search.search,
    markAllRead: readState.markAllRead,
    undoMarkAllRead: readState.undoMarkAllRead,
    shareItem: sharing.shareItem,
    unshareItem: sharing.unshareItem,
    listShared: sharing.listShared,
    getSharing: sharing.getSharing,
    listFolders: folders.listFolders,
    createFolder: folders.createFolder,
    renameFolder: folders.renameFolder,
    deleteFolder: folders.deleteFolder,
    moveFeed: folders.moveFeed,
    importOpml: opml.importOpml,
    exportOpml: opml.exportOpml,
    extractArticle: articles.extractArticle,
    listRules: rules.listRules,
    saveRule: rules.saveRule,
    deleteRule: rules.deleteRule,
    async close() {
      offPushSetting();
      offPrefetch();
      await tunnel.close();
      await websub.close();
      offSharingBase();
      offSharingSettings();
      await sharing.close();
      offRetentionSetting();
      stopRetention();
      await opml.stop();
      await retention.settle();
      await poller.stop();
      changes.stop();
      readState.stop();
      await feeds.settle();
      await icons.close();
      await articles.close();
    },
  };
}
