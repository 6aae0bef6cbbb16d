/**
 * What to notify about new items, and how to group them: one decision for both
 * places that notify (the Electron main process, and the page in the browser
 * host). Pure apart from the timer it is given, so it is tested without a desktop.
 */
import type { EventPayloads, ItemSummary, Settings } from './api';

export interface PlannedNotification {
  title: string;
  body: string;
  /** The item a click opens; null for a group (a click shows every item). */
  itemId: number | null;
  /** Same tag replaces, so a burst never stacks up a column of toasts. */
  tag: string;
}

/** Up to this many new items get a notification each; more make one grouped notification. */
export const maxSeparateNotifications = 3;

/** Items arriving within this window are shown together (a poll of many feeds, a burst of pings). */
export const gatherMs = 1_500;

/** What to show for items that arrived together. */
export function planNotifications(items: readonly ItemSummary[]): PlannedNotification[] {
  if (items.length === 0) return [];
  if (items.length <= maxSeparateNotifications) {
    return items.map((item) => ({
      title: item.feedTitle || 'New item',
      body: item.title,
      itemId: item.id,
      tag: `tidings-item-${item.id}`,
    }));
  }
  const perFeed = new Map<string, number>();
  for (const item of items) perFeed.set(item.feedTitle, (perFeed.get(item.feedTitle) ?? 0) + 1);
  const feeds = [...perFeed.entries()].sort((a, b) => b[1] - a[1]);
  const named = feeds.slice(0, 3).map(([title, count]) => `${title} (${count})`);
  const rest = feeds.length - named.length;
  return [
    {
      title: `${items.length} new items`,
      body: `From ${named.join(', ')}${rest > 0 ? ` and ${rest} more feed${rest === 1 ? '' : 's'}` : ''}`,
      itemId: null,
      tag: 'tidings-group',
    },
  ];
}

export type NotificationSettings = Pick<Settings, 'notificationsEnabled' | 'notificationsMutedFeedIds'>;

const isQuiet = (feedId: number, settings: NotificationSettings | null) =>
  !settings?.notificationsEnabled || settings.notificationsMutedFeedIds.includes(feedId);

/**
 * The items of one `itemsAdded` worth notifying about: unread, not seen before, notifications on for the feed;
 * and those a rule asks to notify (`notifyItemIds`), which speak even where notifications are off.
 */
export function notifiableItems(
  added: EventPayloads['itemsAdded'],
  settings: NotificationSettings | null,
  seen: ReadonlySet<number>,
): ItemSummary[] {
  const asked = new Set(added.notifyItemIds ?? []);
  const quiet = isQuiet(added.feedId, settings);
  return added.items.filter((item) => !seen.has(item.id) && (asked.has(item.id) || (!quiet && !item.read)));
}

export interface NotificationGathererDeps {
  settings(): NotificationSettings | null;
  /** True while the user is looking at Tidings: nothing is shown then. */
  isLooking(): boolean;
  show(planned: PlannedNotification): void;
  setTimer?(run: () => void, ms: number): unknown;
  clearTimer?(timer: unknown): void;
  gatherMs?: number;
}

export interface NotificationGatherer {
  /** Feed it every `itemsAdded` event. */
  itemsAdded(added: EventPayloads['itemsAdded']): void;
  stop(): void;
}

/** Ids remembered against showing an item twice (an item's id is never reused while it is stored). */
const seenLimit = 5_000;

/**
 * Gathers new items for `gatherMs`, then shows them as planned unless the user
 * is looking at Tidings by then. Each item at most once.
 */
export function createNotificationGatherer(deps: NotificationGathererDeps): NotificationGatherer {
  const setTimer = deps.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const clearTimer = deps.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const seen = new Set<number>();
  let pending: ItemSummary[] = [];
  let timer: unknown = null;

  const flush = () => {
    timer = null;
    const batch = pending;
    pending = [];
    if (deps.isLooking()) return;
    for (const planned of planNotifications(batch)) deps.show(planned);
  };

  return {
    itemsAdded(added) {
      const settings = deps.settings();
      for (const item of notifiableItems(added, settings, seen)) {
        seen.add(item.id);
        pending.push(item);
      }
      // Heard while muted: a catch-up replaying them after unmuting must not notify them late.
      if (isQuiet(added.feedId, settings)) for (const item of added.items) seen.add(item.id);
      // A Set iterates in insertion order: forget the oldest first.
      for (const id of seen) {
        if (seen.size <= seenLimit) break;
        seen.delete(id);
      }
      if (pending.length > 0 && timer === null) timer = setTimer(flush, deps.gatherMs ?? gatherMs);
    },
    stop() {
      if (timer !== null) clearTimer(timer);
      timer = null;
      pending = [];
    },
  };
}
