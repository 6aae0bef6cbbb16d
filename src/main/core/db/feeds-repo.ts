import type { Db } from './open-db';

export interface FeedRow {
  id: number;
  url: string;
  title: string;
  site_url: string | null;
  etag: string | null;
  last_modified: string | null;
  last_fetched_at: number | null;
  last_error_code: string | null;
  last_error_message: string | null;
  created_at: number;
  unread_count: number;
  /** The folder (migration 002), null when none. */
  folder_id: number | null;
}

export interface NewFeed {
  url: string;
  title: string;
  siteUrl: string | null;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: number;
}

export type FeedsRepo = ReturnType<typeof createFeedsRepo>;

export function createFeedsRepo(db: Db) {
  const insert = db.prepare<[string, string, string | null, string | null, string | null, number, number]>(
    `INSERT INTO feeds (url, title, site_url, etag, last_modified, last_fetched_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[number], FeedRow>('SELECT * FROM feeds WHERE id = ?');
  const byUrl = db.prepare<[string], FeedRow>('SELECT * FROM feeds WHERE url = ?');
  const all = db.prepare<[], FeedRow>('SELECT * FROM feeds ORDER BY title COLLATE NOCASE, id');
  const remove = db.prepare<[number]>('DELETE FROM feeds WHERE id = ?');
  const fetched = db.prepare<[string, string | null, string | null, string | null, number, number]>(
    `UPDATE feeds SET title = ?, site_url = ?, etag = ?, last_modified = ?, last_fetched_at = ?,
       last_error_code = NULL, last_error_message = NULL
     WHERE id = ?`,
  );
  const setUrl = db.prepare<[string, number]>('UPDATE feeds SET url = ? WHERE id = ?');
  const failed = db.prepare<[string, string, number]>(
    'UPDATE feeds SET last_error_code = ?, last_error_message = ? WHERE id = ?',
  );
  const totals = db.prepare<[], { feeds: number; unread: number }>(
    'SELECT count(*) AS feeds, coalesce(sum(unread_count), 0) AS unread FROM feeds',
  );

  return {
    insert(feed: NewFeed): number {
      const info = insert.run(
        feed.url,
        feed.title,
        feed.siteUrl,
        feed.etag,
        feed.lastModified,
        feed.fetchedAt,
        feed.fetchedAt,
      );
      return Number(info.lastInsertRowid);
    },
    get: (id: number): FeedRow | undefined => byId.get(id),
    getByUrl: (url: string): FeedRow | undefined => byUrl.get(url),
    list: (): FeedRow[] => all.all(),
    remove: (id: number): boolean => remove.run(id).changes > 0,
    recordFetch(
      id: number,
      f: { title: string; siteUrl: string | null; etag: string | null; lastModified: string | null; fetchedAt: number },
    ): void {
      fetched.run(f.title, f.siteUrl, f.etag, f.lastModified, f.fetchedAt, id);
    },
    recordError: (id: number, code: string, message: string): void => void failed.run(code, message, id),
    /** After a permanent redirect: the feed lives at its new address from now on. */
    setUrl: (id: number, url: string): void => void setUrl.run(url, id),
    totals: (): { feeds: number; unread: number } => totals.get()!,
  };
}
