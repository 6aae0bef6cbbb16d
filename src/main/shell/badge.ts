/**
 * The unread number, as each platform shows it: the dock or launcher badge
 * (app.setBadgeCount), the taskbar overlay on Windows, the tray's tooltip.
 */

export interface Badge {
  /** For app.setBadgeCount: 0 clears the badge. */
  count: number;
  /** The few characters drawn on Windows' overlay icon; null: no overlay. */
  overlayText: string | null;
  /** What a screen reader says for the overlay, and the tray's tooltip. */
  description: string;
  tooltip: string;
}

/** More than this shows as "99+" where there is room for two digits only. */
const overlayMax = 99;

export function badgeFor(unreadCount: number): Badge {
  const count = Number.isFinite(unreadCount) && unreadCount > 0 ? Math.floor(unreadCount) : 0;
  const description =
    count === 0 ? 'No unread items' : `${count.toLocaleString('en-US')} unread item${count === 1 ? '' : 's'}`;
  return {
    count,
    overlayText: count === 0 ? null : count > overlayMax ? `${overlayMax}+` : String(count),
    description,
    tooltip: `Tidings: ${count === 0 ? 'nothing unread' : `${count.toLocaleString('en-US')} unread`}`,
  };
}
