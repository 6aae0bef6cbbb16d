import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { Item } from '../../shared/api';
import type { ConnectedApi } from './api-client';
import { AddFeedDialog } from './components/AddFeedDialog';
import { AddedFeedNotice } from './components/AddedFeedNotice';
import { FeedList } from './components/FeedList';
import { ItemList } from './components/ItemList';
import { ReaderPane } from './components/ReaderPane';
import { useFeeds, useItems } from './use-library';
import { useKeyboard } from './use-keyboard';
import { NewItemsMarker } from './components/NewItemsMarker';
import { NotificationToggle } from './components/NotificationToggle';
import { RefreshAllButton } from './components/RefreshAllButton';
import { PollSettings } from './components/PollSettings';
import { useNotifications } from './use-notifications';
import { useSettings } from './use-settings';
import { RemoteImagesToggle } from './components/RemoteImagesToggle';
import { PushStatus } from './components/PushStatus';
import { SearchBox } from './components/SearchBox';
import { ViewRow } from './components/ViewRow';
import { SharedList } from './components/SharedList';
import { SharingPanel } from './components/SharingPanel';
import { ShareDialog } from './components/ShareDialog';
import { useSharing } from './use-sharing';
import { UndoToast } from './components/UndoToast';
import { useSearch } from './use-search';
import { useMarkAllRead } from './use-mark-all-read';
import { RetentionSelect } from './components/RetentionSelect';
import { FolderSidebar } from './components/FolderSidebar';
import { useFolders, useReloadOnFolderMoves } from './use-folders';
import { useArticle } from './use-article';
import { KeysDialog } from './components/KeysDialog';
import { RulesPanel } from './components/RulesPanel';
import { useShellRequests } from './use-shell-requests';
import { DesktopSettings } from './components/DesktopSettings';

export function App({ api }: { api: ConnectedApi }) {
  const { feeds, status, reload: reloadFeeds } = useFeeds(api);
  // The sidebar (a row per feed: a thousand of them) renders in a pass of its own that the
  // first item rows never wait for: React paints them first and fills the sidebar in after.
  const sidebarFeeds = useDeferredValue(feeds);
  const [feedId, setFeedId] = useState<number | null>(null);
  // Issue 6: folders, and a folder's view (feedId is null while one is open).
  const { folders, folder, folderId, setFolderId, folderOf } = useFolders(api, feeds);
  const [unreadOnly, setUnreadOnly] = useState(false);
  // Issue 7: the starred view, search over the view's scope, and mark-all-read with undo.
  const [starredOnly, setStarredOnly] = useState(false);
  // Issue 12: the Shared view, the Sharing panel and the Share dialog (button or h).
  const [sharedOnly, setSharedOnly] = useState(false);
  const [showSharing, setShowSharing] = useState(false);
  const [sharingItem, setSharingItem] = useState(false);
  const shares = useSharing(api);
  const view = useMemo(
    () => ({ feedId, folderId, folderOf, unreadOnly, starredOnly }),
    [feedId, folderId, folderOf, unreadOnly, starredOnly],
  );
  const listed = useItems(api, view);
  const { nextBefore, loading, reload: reloadItems, loadMore, markRead: markListedRead, markStarred } = listed;
  const search = useSearch(api, feedId !== null ? { feedId } : folderId !== null ? { folderId } : {});
  // While a search is typed, the list shows (and j/k/m/s act on) its results.
  const items = search.active ? search.hits : listed.items;
  const markRead = useCallback(
    async (ids: number[], read: boolean) => {
      search.patchHits(ids, { read });
      await markListedRead(ids, read);
    },
    [search.patchHits, markListedRead],
  );
  const searchInput = useRef<HTMLInputElement>(null);
  const [itemId, setItemId] = useState<number | null>(null);
  const [item, setItem] = useState<Item | null>(null);
  const [adding, setAdding] = useState(false);
  // Issue 11: after adding, how the new feed's items will arrive (push via which hub, or polled and why).
  const [addedFeedId, setAddedFeedId] = useState<number | null>(null);
  const dismissAdded = useCallback(() => setAddedFeedId(null), []);
  const checkFeed = useCallback(
    (url: string, asPage?: boolean) => api.checkFeed(asPage ? { url, asPage } : { url }),
    [api],
  );
  // Issue 16: the `?` list of keys and the rules panel.
  const [showKeys, setShowKeys] = useState(false);
  const [showRules, setShowRules] = useState(false);
  // Issue 14: a feed link handed to the desktop app fills the dialog in (a new key re-opens it with the new link).
  const [addRequest, setAddRequest] = useState<{ url: string; problem: string | null; key: number } | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { markAllRead, offer: undoOffer } = useMarkAllRead(api, reloadItems, setNotice);
  useReloadOnFolderMoves(feeds, folderId, reloadItems);

  const feed = feeds.find((f) => f.id === feedId) ?? null;
  const totalUnread = feeds.reduce((sum, f) => sum + f.unreadCount, 0);

  // A removed feed can't stay selected.
  useEffect(() => {
    if (feedId !== null && !feeds.some((f) => f.id === feedId) && feeds.length > 0) setFeedId(null);
  }, [feeds, feedId]);

  // Opening an item shows it and marks it read, as every reader does.
  const open = useCallback(
    async (id: number) => {
      setItemId(id);
      try {
        const detail = await api.getItem({ itemId: id });
        setItem({ ...detail, read: true });
        if (!detail.read) await markRead([id], true);
      } catch (error) {
        setNotice(error instanceof Error ? error.message : String(error));
      }
    },
    [api, markRead],
  );

  // j/k walk the list in view: the Shared view's entries (those whose item is still here), or the items.
  const stepIds = useMemo(
    () => (sharedOnly ? shares.entries.flatMap((e) => (e.itemId === null ? [] : [e.itemId])) : items.map((i) => i.id)),
    [sharedOnly, shares.entries, items],
  );
  const step = useCallback(
    (delta: number) => {
      if (stepIds.length === 0) return;
      const index = stepIds.indexOf(itemId ?? -1);
      const next = stepIds[Math.min(stepIds.length - 1, Math.max(0, index === -1 ? 0 : index + delta))];
      if (next !== undefined && next !== itemId) void open(next);
      if (!sharedOnly && delta > 0 && index >= stepIds.length - 3) void loadMore();
    },
    [stepIds, sharedOnly, itemId, open, loadMore],
  );

  const toggleRead = useCallback(() => {
    const current = items.find((i) => i.id === itemId) ?? item;
    if (!current) return;
    const read = !current.read;
    void markRead([current.id], read);
    setItem((shown) => (shown && shown.id === current.id ? { ...shown, read } : shown));
  }, [items, itemId, item, markRead]);

  const toggleStar = useCallback(() => {
    const current = items.find((i) => i.id === itemId) ?? item;
    if (!current) return;
    const starred = !current.starred;
    search.patchHits([current.id], { starred });
    markStarred([current.id], starred).catch((error: unknown) =>
      setNotice(error instanceof Error ? error.message : String(error)),
    );
    setItem((shown) => (shown && shown.id === current.id ? { ...shown, starred } : shown));
  }, [items, itemId, item, markStarred, search.patchHits]);

  // Everything in the feed shown, or everything (the starred view and search results are not a scope).
  const markAllInView = () => {
    if (search.active || starredOnly || sharedOnly) return;
    void markAllRead(feedId !== null ? { feedId } : folderId !== null ? { folderId } : { all: true });
  };

  const openInBrowser = useCallback((url: string) => {
    // In Electron this reaches the window-open handler, which hands http(s) to the system browser.
    window.open(url, '_blank', 'noopener,noreferrer');
  }, []);

  const { settings, update: updateSettings } = useSettings(api);
  const alwaysFull = item !== null && (settings?.fullArticleFeedIds.includes(item.feedId) ?? false);
  const article = useArticle(api, item, alwaysFull);
  const setAlwaysFull = (on: boolean) => {
    if (!item || !settings) return;
    const others = settings.fullArticleFeedIds.filter((id) => id !== item.feedId);
    void updateSettings({ fullArticleFeedIds: on ? [...others, item.feedId] : others }).catch((error: unknown) =>
      setNotice(error instanceof Error ? error.message : String(error)),
    );
  };
  const iconOf = useCallback((id: number) => feeds.find((f) => f.id === id)?.iconUrl ?? null, [feeds]);

  const sharedEntry = shares.entryOf(item?.id ?? null);
  const unshare = (entry: Parameters<typeof shares.unshare>[0]) =>
    shares.unshare(entry).catch((error: unknown) => setNotice(error instanceof Error ? error.message : String(error)));
  // One view at a time: a feed, a folder, Starred or Shared (none of them: all items).
  const showView = (next: {
    feedId?: number | null;
    folderId?: number | null;
    starred?: boolean;
    shared?: boolean;
  }) => {
    setFeedId(next.feedId ?? null);
    setFolderId(next.folderId ?? null);
    setStarredOnly(next.starred ?? false);
    setSharedOnly(next.shared ?? false);
    setItemId(null);
    setItem(null);
  };

  useKeyboard(!adding && !showKeys && !showRules && !showSharing && !sharingItem, {
    j: () => step(1),
    k: () => step(-1),
    m: toggleRead,
    o: () => item?.link && openInBrowser(item.link),
    a: () => setAdding(true),
    s: toggleStar,
    A: markAllInView,
    '/': () => searchInput.current?.focus(),
    v: article.toggle,
    h: () => item && setSharingItem(true),
    '?': () => setShowKeys(true),
  });

  // Never stale: whatever an event may have missed (sleep, a lost stream) comes back through
  // the catch-up in catch-up.ts (changesSince on focus and when events go quiet), merged in place.
  const showFromOutside = (id: number | null) => {
    if (id === null) return setFeedId(null);
    void open(id);
  };
  useNotifications(api, settings, showFromOutside);
  useShellRequests(api, {
    addFeed: (request) => {
      setAddRequest({ ...request, key: Date.now() });
      setAdding(true);
    },
    openItem: showFromOutside,
  });

  async function refresh() {
    if (feedId === null) return;
    setRefreshing(true);
    try {
      await api.refreshFeed({ feedId });
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    } finally {
      setRefreshing(false);
    }
  }

  async function remove() {
    if (!feed || !window.confirm(`Stop following "${feed.title}"? Its items will be deleted.`)) return;
    try {
      await api.removeFeed({ feedId: feed.id });
      setFeedId(null);
      setItem(null);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <div className="app">
      <FeedList
        feeds={sidebarFeeds.filter((f) => f.folderId === null)}
        totalUnread={totalUnread}
        selected={starredOnly || sharedOnly || folderId !== null ? -1 : feedId}
        onSelect={(id) => showView({ feedId: id })}
        onAdd={() => setAdding(true)}
        views={
          <>
            <ViewRow
              name="Starred"
              mark="★"
              hint="Items you starred (s): never pruned"
              selected={starredOnly}
              onSelect={() => showView({ starred: true })}
            />
            <ViewRow
              name="Shared"
              mark="↗"
              hint="Items you shared (h): your shared feed"
              selected={sharedOnly}
              onSelect={() => showView({ shared: true })}
            />
          </>
        }
        folders={
          <FolderSidebar
            api={api}
            folders={folders}
            feeds={sidebarFeeds}
            selectedFeedId={folderId === null && !starredOnly && !sharedOnly ? feedId : null}
            selectedFolderId={starredOnly || sharedOnly ? null : folderId}
            onSelectFeed={(id) => showView({ feedId: id })}
            onSelectFolder={(id) => showView({ folderId: id })}
            onError={setNotice}
          />
        }
      />
      {sharedOnly ? (
        <SharedList
          entries={shares.entries}
          selectedItemId={itemId}
          onOpen={(id) => void open(id)}
          onUnshare={(entry) => void unshare(entry)}
          onShowPanel={() => setShowSharing(true)}
        />
      ) : (
        <ItemList
          title={
            search.active
              ? `Search: ${search.hits.length}${search.hits.length === 50 ? '+' : ''} found`
              : starredOnly
                ? 'Starred'
                : feed
                  ? feed.title
                  : folder
                    ? folder.name
                    : 'All items'
          }
          searchBox={
            <SearchBox
              ref={searchInput}
              query={search.query}
              scopeName={feed ? feed.title : folder ? folder.name : 'all feeds'}
              searching={search.searching}
              onQuery={search.setQuery}
            />
          }
          emptyHint={
            search.active
              ? (search.error ?? (search.searching ? 'Searching…' : 'Nothing matches.'))
              : starredOnly
                ? 'Nothing starred yet: press s on an item to keep it here.'
                : undefined
          }
          onMarkAllRead={
            !search.active && !starredOnly && (feed ? feed.unreadCount : totalUnread) > 0 ? markAllInView : undefined
          }
          feed={feed}
          items={items}
          selected={itemId}
          unreadOnly={unreadOnly}
          hasMore={!search.active && nextBefore !== null}
          loading={loading}
          refreshing={refreshing}
          onSelect={(id) => void open(id)}
          onToggleUnreadOnly={() => setUnreadOnly((value) => !value)}
          onLoadMore={() => void loadMore()}
          onRefresh={() => void refresh()}
          onRemove={() => void remove()}
          iconOf={iconOf}
        />
      )}
      <ReaderPane
        item={item}
        onOpen={openInBrowser}
        onToggleRead={toggleRead}
        onToggleStar={toggleStar}
        article={article}
        feedIconUrl={item ? iconOf(item.feedId) : null}
        alwaysFull={alwaysFull}
        onAlwaysFull={setAlwaysFull}
        loadRemoteImages={settings?.loadRemoteImages ?? false}
        shared={sharedEntry}
        onShare={() => setSharingItem(true)}
        onUnshare={(entry) => void unshare(entry)}
      />
      <NewItemsMarker api={api} viewKey={`${feedId}:${folderId}:${unreadOnly}:${starredOnly}:${search.active}`} />
      {status && (
        <footer className="status-bar" aria-label="Status">
          <span>
            {status.feedCount} feeds · {status.unreadCount} unread
          </span>
          <RefreshAllButton api={api} onError={setNotice} />
          <NotificationToggle settings={settings} feedId={feedId} update={updateSettings} />
          <DesktopSettings settings={settings} update={updateSettings} />
          <RemoteImagesToggle settings={settings} update={updateSettings} />
          <RetentionSelect settings={settings} update={updateSettings} />
          <PollSettings settings={settings} update={updateSettings} onError={setNotice} />
          <PushStatus status={status} settings={settings} update={updateSettings} onError={setNotice} />
          <button
            type="button"
            onClick={() => setShowSharing(true)}
            title="Your shared feed: its address, subscribers and hubs"
          >
            Sharing
          </button>
          <button type="button" onClick={() => setShowRules(true)} title="Mark read, star, hide or notify by words">
            Rules
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Keyboard shortcuts"
            title="Keys (?)"
            onClick={() => setShowKeys(true)}
          >
            ?
          </button>
        </footer>
      )}
      {undoOffer && <UndoToast message={undoOffer.message} onUndo={undoOffer.undo} onDismiss={undoOffer.dismiss} />}
      {notice && (
        <div className="notice" role="alert" onClick={() => setNotice(null)}>
          {notice}
        </div>
      )}
      {addedFeedId !== null && (
        <AddedFeedNotice key={addedFeedId} feed={feeds.find((f) => f.id === addedFeedId)} onDismiss={dismissAdded} />
      )}
      {showSharing && (
        <SharingPanel
          sharing={shares.sharing}
          settings={settings}
          update={updateSettings}
          onClose={() => setShowSharing(false)}
        />
      )}
      {sharingItem && item && (
        <ShareDialog
          title={item.title}
          entry={sharedEntry}
          onShare={(note) => shares.share(item.id, note)}
          onUnshare={shares.unshare}
          onClose={() => setSharingItem(false)}
        />
      )}
      {showKeys && <KeysDialog onClose={() => setShowKeys(false)} />}
      {showRules && (
        <RulesPanel
          api={api}
          feeds={feeds}
          folders={folders}
          onClose={() => setShowRules(false)}
          onApplied={() => void reloadItems()}
        />
      )}
      {adding && (
        <AddFeedDialog
          key={addRequest?.key}
          initialUrl={addRequest?.url}
          initialProblem={addRequest?.problem}
          onAdd={(url, asPage) => api.addFeed(asPage ? { url, asPage } : { url })}
          onCheck={checkFeed}
          onAdded={(id) => {
            setAddedFeedId(id);
            setAdding(false);
            setAddRequest(null);
            setFeedId(id);
            setItemId(null);
            setItem(null);
          }}
          onClose={() => {
            setAdding(false);
            setAddRequest(null);
          }}
        />
      )}
    </div>
  );
}
