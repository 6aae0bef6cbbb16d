import { useEffect, useRef } from 'react';
import type { ItemSummary, Settings } from '../../shared/api';
import type { ConnectedApi } from './api-client';
import { planNotifications } from './notifications';

/** Items arriving within this window are shown together (a poll of many feeds, a burst of pings). */
const gatherMs = 1_500;

/**
 * Desktop notifications for new unread items (the web Notification API, which
 * Electron maps to native ones): only while the user is not looking at
 * Tidings, never twice for one item, off globally or per feed in settings.
 * A click brings the window forward and opens the item.
 */
export function useNotifications(api: ConnectedApi, settings: Settings | null, open: (itemId: number | null) => void) {
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const openRef = useRef(open);
  openRef.current = open;

  useEffect(() => {
    if (typeof Notification === 'undefined') return;
    const seen = new Set<number>();
    let pending: ItemSummary[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;

    const flush = () => {
      timer = null;
      const batch = pending;
      pending = [];
      const looking = document.visibilityState === 'visible' && document.hasFocus();
      if (looking || Notification.permission !== 'granted') return;
      for (const planned of planNotifications(batch)) {
        const notification = new Notification(planned.title, { body: planned.body, tag: planned.tag });
        notification.onclick = () => {
          window.focus();
          openRef.current(planned.itemId);
          notification.close();
        };
      }
    };

    const off = api.on('itemsAdded', ({ feedId, items, notifyItemIds = [] }) => {
      const current = settingsRef.current;
      // A rule's "notify" is asked for by name: it speaks even where notifications are off.
      const quiet = !current?.notificationsEnabled || current.notificationsMutedFeedIds.includes(feedId);
      for (const item of items) {
        if (seen.has(item.id)) continue;
        if (!notifyItemIds.includes(item.id) && (quiet || item.read)) {
          // Heard while muted: a catch-up replaying it after unmuting must not notify it late.
          if (quiet) seen.add(item.id);
          continue;
        }
        seen.add(item.id);
        pending.push(item);
      }
      if (pending.length > 0) timer ??= setTimeout(flush, gatherMs);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [api]);
}
