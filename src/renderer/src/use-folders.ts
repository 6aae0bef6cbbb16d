import { useCallback, useEffect, useRef, useState } from 'react';
import type { Feed, Folder } from '../../shared/api';
import type { ConnectedApi } from './api-client';

/**
 * The folder list (kept current by `foldersChanged`, re-read when the stream
 * reconnects) and which folder's view is open. A deleted folder's view closes.
 */
export function useFolders(api: ConnectedApi, feeds: Feed[]) {
  const [folders, setFolders] = useState<Folder[]>([]);
  const [folderId, setFolderId] = useState<number | null>(null);
  const reload = useCallback(async () => setFolders(await api.listFolders({})), [api]);
  useEffect(() => {
    void reload();
    const offs = [
      api.on('foldersChanged', ({ folders: list }) => setFolders(list)),
      api.onReconnect(() => void reload()),
    ];
    return () => offs.forEach((off) => off());
  }, [api, reload]);

  useEffect(() => {
    if (folderId !== null && !folders.some((f) => f.id === folderId)) setFolderId(null);
  }, [folders, folderId]);

  // Stable, so the item view does not reload each time a count changes; it reads the latest feeds.
  const feedsRef = useRef(feeds);
  feedsRef.current = feeds;
  const folderOf = useCallback((feedId: number) => feedsRef.current.find((f) => f.id === feedId)?.folderId ?? null, []);

  const folder = folders.find((f) => f.id === folderId) ?? null;
  return { folders, folder, folderId, setFolderId, folderOf };
}

/** A folder's item list reloads when feeds move into or out of it. */
export function useReloadOnFolderMoves(feeds: Feed[], folderId: number | null, reload: () => Promise<void>) {
  const members = folderId === null ? '' : feeds.flatMap((f) => (f.folderId === folderId ? [f.id] : [])).join(',');
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (folderId !== null) void reload();
    // Only membership matters here; reload itself changes with the view.
  }, [members]);
}
