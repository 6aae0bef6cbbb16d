import type { Settings } from '../../../shared/api';
import { isDesktopApp } from '../api-client';

interface Props {
  settings: Settings | null;
  feedId: number | null;
  update(patch: Partial<Settings>): Promise<unknown>;
}

/** Notifications on or off, for everything and for the feed on screen. */
export function NotificationToggle({ settings, feedId, update }: Props) {
  if (!settings || typeof Notification === 'undefined') return null;
  const muted = feedId !== null && settings.notificationsMutedFeedIds.includes(feedId);

  async function toggleAll() {
    const enable = !settings!.notificationsEnabled;
    // Browsers only ask for permission from a click: this is that click. (The desktop app notifies from its main process.)
    if (enable && !isDesktopApp() && Notification.permission === 'default') await Notification.requestPermission();
    await update({ notificationsEnabled: enable });
  }

  async function toggleFeed() {
    if (feedId === null) return;
    const others = settings!.notificationsMutedFeedIds.filter((id) => id !== feedId);
    await update({ notificationsMutedFeedIds: muted ? others : [...others, feedId] });
  }

  return (
    <span className="notification-toggles">
      <label className="toggle" title="Desktop notifications for new items">
        <input type="checkbox" checked={settings.notificationsEnabled} onChange={() => void toggleAll()} /> Notify
      </label>
      {feedId !== null && settings.notificationsEnabled && (
        <label className="toggle" title="Notifications for this feed">
          <input type="checkbox" checked={!muted} onChange={() => void toggleFeed()} /> for this feed
        </label>
      )}
    </span>
  );
}
