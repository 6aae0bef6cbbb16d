import type { Delivery, Enclosure, Feed, Item, ItemSummary } from '../../shared/api';
import type { FeedRow } from './db/feeds-repo';
import type { ItemDetailRow, ItemRow } from './db/items-repo';
import type { ErrorCode } from '../../shared/api';

export const pollingDelivery: Delivery = {
  mode: 'polling',
  hubUrl: null,
  leaseExpiresAt: null,
  lastPingAt: null,
  rejectedSignatures: 0,
  resubscribes: 0,
  lastResubscribeAt: null,
  reason: null,
};

export function toFeed(row: FeedRow, delivery: Delivery = pollingDelivery, iconUrl: string | null = null): Feed {
  return {
    id: row.id,
    title: row.title,
    feedUrl: row.url,
    siteUrl: row.site_url,
    unreadCount: row.unread_count,
    lastFetchedAt: row.last_fetched_at,
    lastError:
      row.last_error_code !== null
        ? { code: row.last_error_code as ErrorCode, message: row.last_error_message ?? '' }
        : null,
    delivery,
    folderId: row.folder_id ?? null,
    iconUrl,
  };
}

export function toItemSummary(row: ItemRow): ItemSummary {
  return {
    id: row.id,
    feedId: row.feed_id,
    feedTitle: row.feed_title,
    title: row.title,
    link: row.link,
    author: row.author,
    publishedAt: row.sort_at,
    summary: row.summary,
    read: row.read === 1,
    starred: row.starred === 1,
  };
}

export function toItem(row: ItemDetailRow): Item {
  return {
    ...toItemSummary(row),
    contentHtml: row.content_html,
    enclosures: JSON.parse(row.enclosures) as Enclosure[],
    imageUrl: row.image_url,
  };
}

/** Keyset cursor for item pages: the last item's sort date and id. */
export function encodeCursor(row: { sort_at: number; id: number }): string {
  return `${row.sort_at}:${row.id}`;
}

export function decodeCursor(cursor: string): { sortAt: number; id: number } | null {
  const match = /^(-?\d+):(\d+)$/.exec(cursor);
  return match ? { sortAt: Number(match[1]), id: Number(match[2]) } : null;
}
