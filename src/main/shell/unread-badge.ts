/**
 * Keeps the unread number on show: the dock badge (macOS) or launcher badge
 * (Linux, app.setBadgeCount), the taskbar overlay (Windows, setOverlayIcon),
 * and the tray's tooltip. Recomputed shortly after anything that changes it.
 */
import type { App, BrowserWindow, NativeImage } from 'electron';
import type { Reader, Log } from '../core/reader';
import { badgeFor } from './badge';
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
  let lastOverlay: string | null | undefined;

  async function update(): Promise<void> {
    timer = null;
    const status = await deps.core.getStatus({});
    if (stopped) return;
    const badge = badgeFor(status.unreadCount);
    deps.setToolTip(badge.tooltip);
    if (deps.platform === 'win32') {
      const window = deps.window();
      if (!window || !deps.image || lastOverlay === badge.overlayText) return;
      lastOverlay = badge.overlayText;
      window.setOverlayIcon(badge.overlayText ? deps.image(overlayPng(badge.overlayText)) : null, badge.description);
    } else {
      deps.app.setBadgeCount(badge.count);
    }
  }
  const schedule = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => void update().catch((error: unknown) => deps.log('badge update failed', error)), settleMs);
  };

  const offs = [
    deps.core.events.on('itemsAdded', schedule),
    deps.core.events.on('feedChanged', schedule),
    deps.core.events.on('statusChanged', schedule),
  ];
  void update().catch((error: unknown) => deps.log('badge update failed', error));
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    offs.forEach((off) => off());
  };
}
