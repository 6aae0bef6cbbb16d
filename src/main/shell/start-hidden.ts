import { feedLinkInArgv } from './feed-link';

/** Added to the command line of a start at login (Windows' login item, Linux's autostart entry). */
export const hiddenFlag = '--hidden';

export interface StartContext {
  argv: readonly string[];
  runInBackground: boolean;
  /** macOS says so itself: app.getLoginItemSettings().wasOpenedAtLogin. */
  openedAtLogin: boolean;
}

/**
 * A start at login goes straight to the tray, without a window. Not when
 * Tidings does not run in the background (there would be no tray to come back
 * from), and not when the start came with a feed link (someone clicked it).
 */
export function shouldStartHidden(start: StartContext): boolean {
  if (!start.runInBackground) return false;
  if (feedLinkInArgv(start.argv) !== null) return false;
  return start.openedAtLogin || start.argv.slice(1).includes(hiddenFlag);
}
