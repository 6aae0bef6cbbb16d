import type { Db } from '../db/open-db';

export interface IconRow {
  feed_id: number;
  data: Buffer | null;
  mime: string | null;
  source_url: string | null;
  feed_icon_url: string | null;
  etag: string | null;
  last_modified: string | null;
  checked_at: number;
  next_check_at: number;
}

export interface StoredIcon {
  data: Buffer | null;
  mime: string | null;
  sourceUrl: string | null;
  etag: string | null;
  lastModified: string | null;
  checkedAt: number;
  nextCheckAt: number;
}

export type IconsRepo = ReturnType<typeof createIconsRepo>;

/** Feed icons in SQLite (table feed_icons, migration 012): one small image per feed, or a note that none was found. */
export function createIconsRepo(db: Db) {
  const get = db.prepare<[number], IconRow>('SELECT * FROM feed_icons WHERE feed_id = ?');
  const all = db.prepare<[], Pick<IconRow, 'feed_id' | 'data' | 'mime'>>(
    'SELECT feed_id, data, mime FROM feed_icons WHERE data IS NOT NULL',
  );
  const store = db.prepare<
    [number, Buffer | null, string | null, string | null, string | null, string | null, number, number]
  >(
    `INSERT INTO feed_icons (feed_id, data, mime, source_url, etag, last_modified, checked_at, next_check_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (feed_id) DO UPDATE SET data = excluded.data, mime = excluded.mime, source_url = excluded.source_url,
       etag = excluded.etag, last_modified = excluded.last_modified, checked_at = excluded.checked_at,
       next_check_at = excluded.next_check_at`,
  );
  const recheckLater = db.prepare<[number, number, number]>(
    'UPDATE feed_icons SET checked_at = ?, next_check_at = ? WHERE feed_id = ?',
  );
  // The feed's own icon URL is noted whenever a fetch names one; a row without an icon yet is due at once.
  const noteFeedIcon = db.prepare<[number, string | null, number]>(
    `INSERT INTO feed_icons (feed_id, feed_icon_url, checked_at, next_check_at) VALUES (?, ?, 0, ?)
     ON CONFLICT (feed_id) DO UPDATE SET feed_icon_url = excluded.feed_icon_url,
       next_check_at = CASE WHEN feed_icons.feed_icon_url IS NOT excluded.feed_icon_url THEN excluded.next_check_at
                            ELSE feed_icons.next_check_at END`,
  );
  const due = db.prepare<
    [number, number],
    { id: number; site_url: string | null; url: string; feed_icon_url: string | null }
  >(
    `SELECT f.id, f.site_url, f.url, i.feed_icon_url FROM feeds f LEFT JOIN feed_icons i ON i.feed_id = f.id
     WHERE i.feed_id IS NULL OR i.next_check_at <= ? ORDER BY f.id LIMIT ?`,
  );
  const totals = db.prepare<[], { icons: number; bytes: number }>(
    'SELECT count(data) AS icons, coalesce(sum(length(data)), 0) AS bytes FROM feed_icons',
  );

  return {
    get(feedId: number): (StoredIcon & { feedIconUrl: string | null }) | undefined {
      const row = get.get(feedId);
      if (!row) return undefined;
      return {
        data: row.data,
        mime: row.mime,
        sourceUrl: row.source_url,
        feedIconUrl: row.feed_icon_url,
        etag: row.etag,
        lastModified: row.last_modified,
        checkedAt: row.checked_at,
        nextCheckAt: row.next_check_at,
      };
    },
    all: () => all.all(),
    store(feedId: number, icon: StoredIcon): void {
      store.run(
        feedId,
        icon.data,
        icon.mime,
        icon.sourceUrl,
        icon.etag,
        icon.lastModified,
        icon.checkedAt,
        icon.nextCheckAt,
      );
    },
    recheckLater: (feedId: number, now: number, next: number): void => void recheckLater.run(now, next, feedId),
    noteFeedIcon: (feedId: number, url: string | null, now: number): void => void noteFeedIcon.run(feedId, url, now),
    due: (now: number, limit: number) => due.all(now, limit),
    totals: () => totals.get()!,
  };
}
