/**
 * Notifications from the main process (Electron's Notification), so they come
 * with the window closed: for new items arriving by push or poll while the user
 * is not looking at Tidings, grouped and muted as the settings say. A click
 * brings the window up on that item.
 */
import type { Notification as ElectronNotification, NotificationConstructorOptions } from 'electron';
import type { Settings } from '../../shared/api';
import { createNotificationGatherer, type PlannedNotification } from '../../shared/notification-plan';
import type { Reader, Log } from '../core/reader';

export interface NotifierDeps {
  Notification: {
    new (options: NotificationConstructorOptions): ElectronNotification;
    isSupported(): boolean;
  };
  core: Reader;
  settings(): Settings;
  isLooking(): boolean;
  /** Open the window on an item (null: on every item). */
  open(itemId: number | null): void;
  /** Linux shows it in the notification; Windows and macOS use the app's. */
  icon?: string;
  log: Log;
}

/**
 * Shown notifications are held on to: one that is garbage-collected loses its
 * click handler. Past this many, the oldest are let go.
 */
const keepAtMost = 50;

export function startDesktopNotifier(deps: NotifierDeps): () => void {
  const live = new Map<string, ElectronNotification>();

  function show(planned: PlannedNotification): void {
    if (typeof deps.Notification.isSupported === 'function' && !deps.Notification.isSupported()) return;
    // The same tag replaces (a new summary over the last one); `id` does it natively on macOS and Windows.
    live.get(planned.tag)?.close();
    live.delete(planned.tag);
    const notification = new deps.Notification({
      title: planned.title,
      body: planned.body,
      id: planned.tag,
      groupId: 'tidings',
      ...(deps.icon ? { icon: deps.icon } : {}),
    });
    notification.on('click', () => {
      live.delete(planned.tag);
      deps.open(planned.itemId);
    });
    notification.on('close', () => {
      if (live.get(planned.tag) === notification) live.delete(planned.tag);
    });
    live.set(planned.tag, notification);
    for (const tag of live.keys()) {
      if (live.size <= keepAtMost) break;
      live.delete(tag);
    }
    notification.show();
  }

  const gatherer = createNotificationGatherer({
    settings: deps.settings,
    isLooking: deps.isLooking,
    show: (planned) => {
      try {
        show(planned);
      } catch (error) {
        deps.log('could not show a notification', error);
      }
    },
  });
  const off = deps.core.events.on('itemsAdded', gatherer.itemsAdded);
  return () => {
    off();
    gatherer.stop();
  };
}
