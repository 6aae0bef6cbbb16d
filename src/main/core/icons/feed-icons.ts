import type { Clock } from '../clock';
import type { Log } from '../context';
import type { FeedsRepo } from '../db/feeds-repo';
import type { Db } from '../db/open-db';
import { decodeBody } from '../feeds/decode-body';
import type { FetchedResource } from '../feeds/fetch-url';
import type { Fetcher } from '../feeds/load-feed';
import { sniffDocument } from '../feeds/sniff-document';
import { createHostLimiter } from '../poller/host-limiter';
import { createIconsRepo, type StoredIcon } from './icons-repo';
import { iconCandidates, pageIconLinks } from './page-icon-links';
import { readIconImage, type IconImage } from './read-image';
import { shrinkIcon } from './shrink-icon';

export interface IconTuning {
  /** An icon found is looked at again after this long (conditionally: usually a 304). */
  refreshMs: number;
  /** A feed with no icon is looked for again after this long. */
  retryMs: number;
  /** The first sweep for due icons after start (so they never compete with the first screen), then this often. */
  sweepDelayMs: number;
  sweepEveryMs: number;
  /** Largest image kept (after an .ico is cut down to one image), and largest download. */
  maxStoredBytes: number;
  maxImageBytes: number;
  maxPageBytes: number;
  timeoutMs: number;
}

const day = 24 * 60 * 60 * 1000;
export const defaultIconTuning: IconTuning = {
  refreshMs: 30 * day,
  retryMs: 7 * day,
  sweepDelayMs: 15_000,
  sweepEveryMs: 6 * 60 * 60 * 1000,
  maxStoredBytes: 32 * 1024,
  maxImageBytes: 512 * 1024,
  maxPageBytes: 2 * 1024 * 1024,
  timeoutMs: 15_000,
};

export interface FeedIconsDeps {
  db: Db;
  feeds: FeedsRepo;
  clock: Clock;
  log: Log;
  fetcher: Fetcher;
  /** The feed changed on screen (its icon arrived). */
  announce(feedId: number): void;
  tuning?: Partial<IconTuning>;
}

export interface FeedIcons {
  /** The feed's icon as a data URL, or null (a letter tile). Served from memory: listFeeds stays fast. */
  iconUrl(feedId: number): string | null;
  /** A feed was added: look for its icon now. `feedIcon` is the icon its document names, if any. */
  feedAdded(feedId: number, feedIcon: string | null): void;
  /** A feed was fetched: note the icon it names; look again only when due (weeks) or when that icon changed. */
  feedFetched(feedId: number, feedIcon: string | null): void;
  /** Looks for the icons of every feed that is due (the timer does this; tests call it). */
  sweep(): void;
  /** Looks for one feed's icon now, whether due or not. */
  refresh(feedId: number): Promise<void>;
  /** Bytes stored and icons found (the figure the bench reports). */
  totals(): { icons: number; bytes: number };
  start(): void;
  close(): Promise<void>;
}

const toDataUrl = (mime: string, data: Buffer) => `data:${mime};base64,${data.toString('base64')}`;
const acceptImages = 'image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5';

/**
 * Feed icons: from the feed document, else the site's <head>, else /favicon.ico;
 * fetched once, two at a time and one per host, looked at again only after weeks
 * (conditionally), cut down to one small image and kept in SQLite. The data URLs
 * are kept in memory, so a thousand feeds cost listFeeds a map lookup each.
 */
export function createFeedIcons(deps: FeedIconsDeps): FeedIcons {
  const tuning = { ...defaultIconTuning, ...deps.tuning };
  const repo = createIconsRepo(deps.db);
  const limiter = createHostLimiter({ total: 2, perHost: 1 });
  const queued = new Map<number, Promise<void>>();
  let urls: Map<number, string> | null = null;
  let sweepTimer: { cancel(): void } | null = null;
  let closed = false;

  const cache = (): Map<number, string> => {
    if (!urls) {
      urls = new Map();
      for (const row of repo.all()) if (row.data && row.mime) urls.set(row.feed_id, toDataUrl(row.mime, row.data));
    }
    return urls;
  };

  async function fetchImage(url: string, known: StoredIcon | undefined): Promise<FetchedResource | null> {
    const headers: Record<string, string> = { accept: acceptImages };
    if (known?.sourceUrl === url) {
      if (known.etag) headers['if-none-match'] = known.etag;
      if (known.lastModified) headers['if-modified-since'] = known.lastModified;
    }
    try {
      return await deps.fetcher(url, { maxBytes: tuning.maxImageBytes, timeoutMs: tuning.timeoutMs, headers });
    } catch {
      return null; // too large, unreachable, timed out: try the next place
    }
  }

  async function pageIcons(siteUrl: string) {
    try {
      const page = await deps.fetcher(siteUrl, {
        maxBytes: tuning.maxPageBytes,
        timeoutMs: tuning.timeoutMs,
        headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
      });
      if (page.status < 200 || page.status >= 300) return [];
      const text = decodeBody(page.body, page.headers.get('content-type'));
      return sniffDocument(text) === 'html' ? pageIconLinks(text, page.url) : [];
    } catch {
      return [];
    }
  }

  function keep(feedId: number, found: (IconImage & { url: string; resource: FetchedResource }) | null) {
    const now = deps.clock.now();
    const icon: StoredIcon = found
      ? {
          data: found.data,
          mime: found.mime,
          sourceUrl: found.url,
          etag: found.resource.headers.get('etag'),
          lastModified: found.resource.headers.get('last-modified'),
          checkedAt: now,
          nextCheckAt: now + tuning.refreshMs,
        }
      : {
          data: null,
          mime: null,
          sourceUrl: null,
          etag: null,
          lastModified: null,
          checkedAt: now,
          nextCheckAt: now + tuning.retryMs,
        };
    if (!deps.feeds.get(feedId)) return; // removed meanwhile
    repo.store(feedId, icon);
    const urls = cache();
    const before = urls.get(feedId) ?? null;
    const after = found ? toDataUrl(found.mime, found.data) : null;
    if (after) urls.set(feedId, after);
    else urls.delete(feedId);
    if (after !== before) deps.announce(feedId);
  }

  async function lookFor(feedId: number): Promise<void> {
    const feed = deps.feeds.get(feedId);
    if (!feed || closed) return;
    const known = repo.get(feedId);
    const siteUrl = feed.site_url ?? new URL('/', feed.url).href;
    const candidates = iconCandidates(known?.feedIconUrl ?? null, await pageIcons(siteUrl), siteUrl);
    for (const url of candidates) {
      if (closed) return;
      const resource = await fetchImage(url, known);
      if (!resource) continue;
      if (resource.status === 304 && known?.data && known.mime) {
        const now = deps.clock.now();
        repo.recheckLater(feedId, now, now + tuning.refreshMs);
        return;
      }
      if (resource.status !== 200) continue;
      const read = readIconImage(resource.body);
      const image = read && shrinkIcon(read);
      if (!image || image.data.length > tuning.maxStoredBytes) continue;
      return keep(feedId, { ...image, url, resource });
    }
    keep(feedId, null);
  }

  function enqueue(feedId: number): Promise<void> {
    let job = queued.get(feedId);
    if (job) return job;
    const feed = deps.feeds.get(feedId);
    if (!feed || closed) return Promise.resolve();
    const host = new URL(feed.site_url ?? feed.url).host;
    job = limiter
      .run(host, () => lookFor(feedId))
      .catch((error: unknown) => deps.log(`icon of feed ${feedId} could not be fetched`, error))
      .finally(() => queued.delete(feedId));
    queued.set(feedId, job);
    return job;
  }

  function sweep() {
    const now = deps.clock.now();
    for (const row of repo.due(now, 500)) void enqueue(row.id);
  }

  function scheduleSweep(ms: number) {
    sweepTimer = deps.clock.setTimeout(() => {
      if (closed) return;
      sweep();
      scheduleSweep(tuning.sweepEveryMs);
    }, ms);
  }

  return {
    iconUrl: (feedId) => cache().get(feedId) ?? null,
    feedAdded(feedId, feedIcon) {
      repo.noteFeedIcon(feedId, feedIcon, deps.clock.now());
      void enqueue(feedId);
    },
    feedFetched(feedId, feedIcon) {
      const now = deps.clock.now();
      const known = repo.get(feedId);
      if (!known || known.feedIconUrl !== feedIcon) repo.noteFeedIcon(feedId, feedIcon, now);
      const due = !known || known.feedIconUrl !== feedIcon || known.nextCheckAt <= now;
      if (due) void enqueue(feedId);
    },
    sweep,
    refresh: (feedId) => enqueue(feedId),
    totals: () => repo.totals(),
    start: () => scheduleSweep(tuning.sweepDelayMs),
    async close() {
      closed = true;
      sweepTimer?.cancel();
      await Promise.allSettled(queued.values());
    },
  };
}
