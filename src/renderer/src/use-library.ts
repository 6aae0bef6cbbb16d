import { useCallback, useEffect, useRef, useState } from 'react';
import type { Feed, ItemSummary, Status } from '../../shared/api';
import type { ConnectedApi } from './api-client';

// One collator, built once: localeCompare with options builds one per call, far too slow for thousands of feeds.
const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
const byTitle = (a: Feed, b: Feed) => collator.compare(a.title, b.title) || a.id - b.id;
const newestFirst = (a: ItemSummary, b: ItemSummary) => b.publishedAt - a.publishedAt || b.id - a.id;

/** The feed list and status, kept current by events and re-read whenever the stream reconnects. */
export function useFeeds(api: ConnectedApi) {
  const [feeds, setFeeds] = useState<Feed[]>([]);
  const [status, setStatus] = useState<Status | null>(null);
  const [loaded, setLoaded] = useState(false);

  const reload = useCallback(async () => {
    const [list, current] = await Promise.all([api.listFeeds({}), api.getStatus({})]);
    setFeeds(list);
    setStatus(current);
    setLoaded(true);
  }, [api]);

  useEffect(() => {
    void reload();
    // A burst of changes (an OPML import, a refresh of every feed) is applied in one update, not one
    // re-sort and re-render of the whole list per feed (thousands of feeds took the page half a minute).
    const pending = new Map<number, Feed | null>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const changes = new Map(pending);
      pending.clear();
      setFeeds((previous) => {
        const next = previous.filter((f) => !changes.has(f.id));
        for (const feed of changes.values()) if (feed) next.push(feed);
        return next.sort(byTitle);
      });
    };
    const offs = [
      api.on('feedChanged', ({ feedId, feed }) => {
        pending.set(feedId, feed);
        timer ??= setTimeout(flush, 30);
      }),
      api.on('statusChanged', setStatus),
      api.onReconnect(() => void reload()),
      () => clearTimeout(timer),
    ];
    return () => offs.forEach((off) => off());
  }, [api, reload]);

  return { feeds, status, loaded, reload };
}

export interface ItemView {
  feedId: number | null;
  unreadOnly: boolean;
  /** A folder's view (issue 6): items of the feeds in it; `folderOf` says where an arriving item's feed is. */
  folderId?: number | null;
  folderOf?: (feedId: number) => number | null;
  /** The starred view (new items are never starred, so none arrive in it). */
  starredOnly?: boolean;
}

/** One page of items for the view, more on demand, and new items merged in as they arrive. */
export function useItems(api: ConnectedApi, view: ItemView) {
  const [items, setItems] = useState<ItemSummary[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const viewRef = useRef(view);
  viewRef.current = view;

  const args = useCallback(
    (before?: string) => ({
      ...(view.feedId !== null ? { feedId: view.feedId } : {}),
      ...(view.folderId != null ? { folderId: view.folderId } : {}),
      ...(view.unreadOnly ? { unreadOnly: true } : {}),
      ...(view.starredOnly ? { starredOnly: true } : {}),
      ...(before ? { before } : {}),
    }),
    [view.feedId, view.folderId, view.unreadOnly, view.starredOnly],
  );

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const page = await api.listItems(args());
      setItems(page.items);
      setNextBefore(page.nextBefore);
    } finally {
      setLoading(false);
    }
  }, [api, args]);

  const loadMore = useCallback(async () => {
    if (!nextBefore || loading) return;
    setLoading(true);
    try {
      const page = await api.listItems(args(nextBefore));
      setItems((previous) => {
        const known = new Set(previous.map((i) => i.id));
        return [...previous, ...page.items.filter((i) => !known.has(i.id))];
      });
      setNextBefore(page.nextBefore);
    } finally {
      setLoading(false);
    }
  }, [api, args, nextBefore, loading]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    const offs = [
      api.on('itemsAdded', ({ feedId, items: added }) => {
        const { feedId: shown, unreadOnly } = viewRef.current;
        if (shown !== null && shown !== feedId) return;
        const { folderId, folderOf } = viewRef.current;
        if (folderId != null && folderOf?.(feedId) !== folderId) return;
        if (viewRef.current.starredOnly) return;
        const fresh = added.filter((i) => !unreadOnly || !i.read);
        if (fresh.length === 0) return;
        setItems((previous) => {
          const known = new Set(previous.map((i) => i.id));
          const merged = [...previous, ...fresh.filter((i) => !known.has(i.id))].sort(newestFirst);
          return merged;
        });
      }),
      api.on('feedChanged', ({ feedId, feed }) => {
        if (!feed) setItems((previous) => previous.filter((i) => i.feedId !== feedId));
      }),
      api.onReconnect(() => void reload()),
    ];
    return () => offs.forEach((off) => off());
  }, [api, reload]);

  /** Applies a read change locally at once; the core confirms it. */
  const markRead = useCallback(
    async (ids: number[], read: boolean) => {
      setItems((previous) => previous.map((i) => (ids.includes(i.id) ? { ...i, read } : i)));
      await api.setRead({ itemIds: ids, read });
    },
    [api],
  );

  /** Applies a star change locally at once; the core confirms it. */
  const markStarred = useCallback(
    async (ids: number[], starred: boolean) => {
      setItems((previous) => previous.map((i) => (ids.includes(i.id) ? { ...i, starred } : i)));
      await api.setStarred({ itemIds: ids, starred });
    },
    [api],
  );

  return { items, nextBefore, loading, reload, loadMore, markRead, markStarred };
}
