import { createHash } from 'node:crypto';
import type { Settings, Sharing } from '../../../shared/api';
import { AppError } from '../app-error';
import type { CoreContext, MethodsPart } from '../context';
import { createDistributor } from './distributor';
import { createHubIntake } from './hub-intake';
import { createHubRoutes, type ServedDocument } from './hub-http';
import type { PublicRoute } from '../public/public-listener';
import { createHubSubscriptionsRepo } from './hub-subscriptions-repo';
import { createOutboundClient } from './outbound-request';
import { createPublishPingsRepo } from './publish-pings-repo';
import { createPublisher } from './publisher';
import { renderSharedAtom } from './shared-atom';
import { createSharedEntriesRepo } from './shared-entries-repo';
import { toAtomEntry, toSharedEntry, toSharingHub, toSharingSubscriber } from './to-sharing-dto';
import { hubUrlOf, topicOf } from './topic-urls';
import { defaultHubTuning, type HubTuning } from './tuning';

export interface SharingDeps {
  ctx: CoreContext;
  settings(): Settings;
  /** The public base URL that reaches the public listener (null: none), and why there is none. */
  publicBase(): string | null;
  whyNoBase(): string;
  /** `--hub-allow-private-callbacks`: tests and a LAN. */
  allowPrivateCallbacks: boolean;
  tuning?: Partial<HubTuning>;
}

export interface SharingPart extends MethodsPart<'shareItem' | 'unshareItem' | 'listShared' | 'getSharing'> {
  /** What the public listener routes to `/hub` and `/shared.atom`. */
  routes: { hub: PublicRoute; sharedFeed: PublicRoute };
  /** The public base may have changed: external hubs hear of the new topic. */
  baseChanged(): void;
  settingsChanged(now: Settings, before: Settings): void;
  /** Sends what is owed (the queue survives restarts): at start, and when the computer wakes. */
  start(): void;
  resume(): void;
  settle(): Promise<void>;
  close(): Promise<void>;
}

interface CachedDocument extends ServedDocument {
  version: number;
}

/**
 * Tidings as a publisher and a hub (issue 12): the shared feed, its hub, the
 * delivery queue and the pings to external hubs, composed. Every change to
 * the feed (share, unshare, a new title or hub list) bumps its version and
 * queues one delivery per live subscription in the same transaction, so
 * nothing acknowledged to the user can be lost by a crash.
 */
export function createSharing(deps: SharingDeps): SharingPart {
  const { ctx } = deps;
  const { db, clock, log, library } = ctx;
  const tuning: HubTuning = { ...defaultHubTuning, ...deps.tuning };
  const userAgent = `Tidings/${ctx.version} (WebSub hub)`;
  const shared = createSharedEntriesRepo(db);
  const subs = createHubSubscriptionsRepo(db);
  const pings = createPublishPingsRepo(db);
  const callbacks = createOutboundClient({
    allowPrivate: deps.allowPrivateCallbacks,
    maxSockets: tuning.deliveryConcurrency,
  });
  // External hubs are the user's own choice (a hub on the LAN is fine).
  const hubs = createOutboundClient({ allowPrivate: true, maxSockets: 4 });
  const cache = new Map<string, CachedDocument>();
  let lastDueAt = -Infinity;
  let lastTopic: string | null = null;
  let announceTimer: { cancel(): void } | null = null;

  const currentTopic = () => {
    const base = deps.publicBase();
    return base ? topicOf(base) : null;
  };

  function documentFor(topic: string): CachedDocument {
    const feed = shared.feed(clock.now());
    const cached = cache.get(topic);
    if (cached && cached.version === feed.version) return cached;
    const settings = deps.settings();
    const body = Buffer.from(
      renderSharedAtom({
        atomId: feed.atom_id,
        title: settings.sharedFeedTitle,
        updatedAt: feed.updated_at,
        selfUrl: topic,
        hubUrls: [hubUrlOf(topic), ...settings.shareHubUrls],
        version: ctx.version,
        entries: shared.newest(tuning.feedEntries).map(toAtomEntry),
      }),
      'utf8',
    );
    const document = {
      version: feed.version,
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      lastModified: new Date(feed.updated_at).toUTCString(),
    };
    // Topics of earlier public addresses are few; keep a handful.
    if (cache.size >= 8) cache.clear();
    cache.set(topic, document);
    return document;
  }

  const announce = () => {
    announceTimer ??= clock.setTimeout(() => {
      announceTimer = null;
      ctx.events.emit('sharingChanged', sharing());
    }, 100);
  };

  const distributor = createDistributor({
    clock,
    log,
    subs,
    client: callbacks,
    tuning,
    userAgent,
    documentFor,
    hubUrlOf,
    changed: announce,
  });
  const publisher = createPublisher({ clock, log, pings, client: hubs, tuning, userAgent, changed: announce });
  const intake = createHubIntake({
    clock,
    log,
    subs,
    client: callbacks,
    tuning,
    userAgent,
    allowPrivateCallbacks: deps.allowPrivateCallbacks,
    topic: currentTopic,
    whyNoTopic: deps.whyNoBase,
    changed: announce,
  });
  const routes = createHubRoutes({
    intake,
    maxRequestBytes: tuning.maxRequestBytes,
    topic: currentTopic,
    whyNoTopic: deps.whyNoBase,
    externalHubs: () => deps.settings().shareHubUrls,
    documentFor,
  });

  /**
   * Inside the changing transaction: a new version, queued for every live
   * subscription and owed to every external hub. The first change goes out at
   * once; changes within `coalesceMs` of it wait for the window's end and go
   * out as one (a newer version replaces the queued one).
   */
  function feedChanged(now: number): void {
    const version = shared.bump(now).version;
    const dueAt = lastDueAt > now ? lastDueAt : Math.max(now, lastDueAt + tuning.coalesceMs);
    lastDueAt = dueAt;
    subs.queueAll(version, dueAt, now);
    const topic = currentTopic();
    if (topic) pings.oweAll(topic, dueAt);
  }

  function afterChange(): void {
    distributor.kick();
    publisher.kick();
    announce();
  }

  const changeFeed = db.transaction(() => feedChanged(clock.now()));

  function sharing(): Sharing {
    const topic = currentTopic();
    const settings = deps.settings();
    return {
      feedUrl: topic,
      hubUrl: topic ? hubUrlOf(topic) : null,
      reason: topic ? null : deps.whyNoBase(),
      title: settings.sharedFeedTitle,
      entryCount: shared.count(),
      subscribers: subs.list().map(toSharingSubscriber),
      hubs: pings.all().map(toSharingHub),
    };
  }

  const share = db.transaction((itemId: number, note: string | null | undefined) => {
    const now = clock.now();
    const existing = shared.byItem(itemId);
    if (existing) {
      if (note === undefined || note === existing.note) return existing;
      const updated = shared.setNote(existing.id, note);
      feedChanged(now);
      return updated;
    }
    const item = library.items.get(itemId);
    if (!item) throw new AppError('NOT_FOUND', 'That item no longer exists, so it cannot be shared.');
    const feed = library.feeds.get(item.feed_id);
    const entry = shared.insert({
      itemId,
      title: item.title,
      link: item.link,
      author: item.author,
      summary: item.summary,
      note: note ?? null,
      sourceTitle: feed?.title || item.feed_title,
      sourceUrl: feed?.url ?? null,
      sourceSiteUrl: feed?.site_url ?? null,
      sharedAt: now,
    });
    feedChanged(now);
    return entry;
  });

  const unshare = db.transaction((arg: { itemId: number } | { entryId: number }) => {
    const row = 'itemId' in arg ? shared.byItem(arg.itemId) : shared.byId(arg.entryId);
    if (!row) return false;
    shared.remove(row.id);
    feedChanged(clock.now());
    return true;
  });

  return {
    routes,
    async shareItem({ itemId, note }) {
      const row = share(itemId, note === undefined ? undefined : note.trim() || null);
      afterChange();
      return toSharedEntry(row);
    },
    async unshareItem(arg) {
      const removed = unshare(arg);
      if (removed) afterChange();
      return { removed };
    },
    async listShared() {
      return shared.newest(-1).map(toSharedEntry);
    },
    async getSharing() {
      subs.expire(clock.now(), clock.now() - tuning.purgeAfterMs);
      return sharing();
    },
    baseChanged() {
      const topic = currentTopic();
      if (topic === lastTopic) return;
      lastTopic = topic;
      // External hubs learn the new topic; subscribers of the old one keep theirs until their leases end.
      if (topic) pings.oweAll(topic, clock.now());
      publisher.kick();
      announce();
    },
    settingsChanged(now, before) {
      const hubsChanged = now.shareHubUrls.join('\n') !== before.shareHubUrls.join('\n');
      if (hubsChanged) publisher.setHubs(now.shareHubUrls);
      // Both are part of the document: subscribers get the new one.
      if (hubsChanged || now.sharedFeedTitle !== before.sharedFeedTitle) {
        changeFeed();
        afterChange();
      }
    },
    start() {
      publisher.setHubs(deps.settings().shareHubUrls);
      lastTopic = currentTopic();
      distributor.kick();
      publisher.kick();
    },
    resume() {
      distributor.kick();
      publisher.kick();
    },
    async settle() {
      await intake.settle();
      await distributor.settle();
      await publisher.settle();
    },
    async close() {
      announceTimer?.cancel();
      await intake.close();
      await distributor.close();
      await publisher.close();
      callbacks.close();
      hubs.close();
    },
  };
}
