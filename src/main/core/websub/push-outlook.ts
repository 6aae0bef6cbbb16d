import type { PushOutlook } from '../../../shared/api';
import type { Discovered } from './discover-hub';

export interface OutlookFacts {
  pushEnabled: boolean;
  /** The public base URL hubs can call back on, or null (no tunnel, no own address). */
  base: string | null;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Whether a feed found by discovery can come by push here and now, and why, in words (before it is added). */
export function pushOutlook(found: Discovered, { pushEnabled, base }: OutlookFacts): PushOutlook {
  if (!found.hub) {
    return {
      capable: false,
      live: false,
      hubUrl: null,
      reason: 'Polled: this feed names no WebSub hub, so Tidings checks it now and then.',
    };
  }
  const host = hostOf(found.hub);
  const via = found.implicitFor ? `${host} (${found.implicitFor}'s hub, which its feeds do not name)` : host;
  if (!pushEnabled) {
    return {
      capable: true,
      live: false,
      hubUrl: found.hub,
      reason: `Push-capable via ${via}, but push is off in the settings, so it will be polled.`,
    };
  }
  if (base === null) {
    return {
      capable: true,
      live: false,
      hubUrl: found.hub,
      reason: `Push-capable via ${via}, but no public address reaches Tidings yet (tunnel or own address), so it is polled until one does.`,
    };
  }
  return { capable: true, live: true, hubUrl: found.hub, reason: `Live by push via ${via}.` };
}
