/**
 * Keeps the unread number on show: the dock badge (macOS) or launcher badge
 * (Linux, app.setBadgeCount), the taskbar overlay (Windows, setOverlayIcon),
 * and the tray's tooltip. Recomputed shortly after anything that changes it.
 */
import type { App, BrowserWindow, NativeImage } from 'electron';
import type { Reader, Log } from '../core/reader';
import { badgeFor, type Badge } from './badge';
import { overlayPng } from './overlay-image';

export interface UnreadBadgeDeps {
  app: Pick<App, 'setBadgeCount'>;
  platform: NodeJS.Platform;
  core: Reader;
  window(): BrowserWindow | null;
  setToolTip(text: string): void;
  /** nativeImage.createFromBuffer, for the Windows overlay. */
  image?(png: Buffer): NativeImage;
  log: Log;
}

/** Changes come in bursts (a poll of many feeds): one recount per burst. */
const settleMs = 250;

export function startUnreadBadge(deps: UnreadBadgeDeps): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let badge: Badge | null = null;
  /** What the overlay shows now, and on which window. */
  let painted: { window: BrowserWindow; text: string | null } | null = null;
  const watched = new WeakSet<BrowserWindow>();
  const offs: Array<() => void> = [];

  /** Windows: the overlay, drawn again on a new window and each time the window shows. */
  function paintOverlay(): void {
    const window = deps.window();
    if (!window || !deps.image || !badge) return;
    if (!watched.has(window)) {
      watched.add(window);
      // Hiding removes the taskbar button, and Windows drops its overlay with it: a shown window gets it again.
      const repaint = () => {
        painted = null;
        paintOverlay();
      };
      window.on('show', repaint);
      offs.push(() => window.removeListener('show', repaint));
    }
    if (painted?.window === window && painted.text === badge.overlayText) return;
    painted = { window, text: badge.overlayText };
    window.setOverlayIcon(badge.overlayText ? deps.image(overlayPng(badge.overlayText)) : null, badge.description);
  }

  async function update(): Promise<void> {
    timer = null;
    const status = await deps.core.getStatus({});
    if (stopped) return;
    badge = badgeFor(status.unreadCount);
    deps.setToolTip(badge.tooltip);
    if (deps.platform === 'win32') paintOverlay();
    else deps.app.setBadgeCount(badge.count);
  }
  const schedule = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => void update().catch((error: unknown) => deps.log('badge update failed', error)), settleMs);
  };

  offs.push(
    deps.core.events.on('itemsAdded', schedule),
    deps.core.events.on('feedChanged', schedule),
    deps.core.events.on('statusChanged', schedule),
  );
  void update().catch((error: unknown) => deps.log('badge update failed', error));
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    offs.forEach((off) => off());
  };
}
