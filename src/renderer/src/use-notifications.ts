import { useEffect, useRef } from 'react';
import type { Settings } from '../../shared/api';
import { createNotificationGatherer } from '../../shared/notification-plan';
import { isDesktopApp, type ConnectedApi } from './api-client';

/**
 * Desktop notifications for new unread items in the browser host (the web
 * Notification API): only while the user is not looking at Tidings, never twice
 * for one item, off globally or per feed in settings. A click brings the window
 * forward and opens the item. In the Electron app the main process notifies
 * instead (it runs with the window closed), so the page stays quiet there.
 */
export function useNotifications(api: ConnectedApi, settings: Settings | null, open: (itemId: number | null) => void) {
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const openRef = useRef(open);
  openRef.current = open;
  // Also straight from the event: items that arrive just after a change of settings must meet it,
  // even when React has not rendered that change yet (a long render of the sidebar can be under way).
  useEffect(() => api.on('settingsChanged', (next) => void (settingsRef.current = next)), [api]);

  useEffect(() => {
    if (typeof Notification === 'undefined' || isDesktopApp()) return;
    const gatherer = createNotificationGatherer({
      settings: () => settingsRef.current,
      isLooking: () => document.visibilityState === 'visible' && document.hasFocus(),
      show(planned) {
        if (Notification.permission !== 'granted') return;
        const notification = new Notification(planned.title, { body: planned.body, tag: planned.tag });
        notification.onclick = () => {
          window.focus();
          openRef.current(planned.itemId);
          notification.close();
        };
      },
    });
    const off = api.on('itemsAdded', gatherer.itemsAdded);
    return () => {
      off();
      gatherer.stop();
    };
  }, [api]);
}
