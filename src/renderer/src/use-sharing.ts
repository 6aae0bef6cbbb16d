import { useCallback, useEffect, useState } from 'react';
import type { SharedEntry, Sharing } from '../../shared/api';
import type { ConnectedApi } from './api-client';

/**
 * What the user shares (issue 12): the shared entries and the sharing state
 * (public address, subscribers, external hubs), kept current by
 * `sharingChanged` and reloaded when the event stream reconnects.
 */
export function useSharing(api: ConnectedApi) {
  const [entries, setEntries] = useState<SharedEntry[]>([]);
  const [sharing, setSharing] = useState<Sharing | null>(null);
  const reload = useCallback(async () => {
    const [list, state] = await Promise.all([api.listShared({}), api.getSharing({})]);
    setEntries(list);
    setSharing(state);
  }, [api]);
  useEffect(() => {
    let live = true;
    const load = () => void reload().catch(() => live && setSharing(null));
    load();
    // The event carries the sharing state; the entries (with their notes) are asked for again.
    const offChanged = api.on('sharingChanged', (state) => {
      setSharing(state);
      void api.listShared({}).then((list) => live && setEntries(list));
    });
    const offReconnect = api.onReconnect(load);
    return () => {
      live = false;
      offChanged();
      offReconnect();
    };
  }, [api, reload]);

  const entryOf = useCallback(
    (itemId: number | null) => (itemId === null ? null : (entries.find((e) => e.itemId === itemId) ?? null)),
    [entries],
  );
  const share = useCallback(
    async (itemId: number, note: string) => {
      const entry = await api.shareItem({ itemId, note });
      // A share again changes only the note: the entry keeps its place.
      setEntries((list) =>
        list.some((e) => e.id === entry.id) ? list.map((e) => (e.id === entry.id ? entry : e)) : [entry, ...list],
      );
      return entry;
    },
    [api],
  );
  const unshare = useCallback(
    async (entry: SharedEntry) => {
      setEntries((list) => list.filter((e) => e.id !== entry.id));
      try {
        await api.unshareItem({ entryId: entry.id });
      } finally {
        void reload().catch(() => undefined);
      }
    },
    [api, reload],
  );
  return { entries, sharing, entryOf, share, unshare };
}
