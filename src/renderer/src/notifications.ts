import type { ItemSummary } from '../../shared/api';

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

/** What to show for items that arrived together (pure, so it is tested without a desktop). */
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
