import type { Db } from '../db/open-db';

/** The few writes an import needs beyond the folders repo: feeds stored before their first fetch. */
export function createImportRepo(db: Db) {
  // Never fetched yet: no validators, no last_fetched_at; the background job fills them in.
  const insertFeed = db.prepare<[string, string, string | null, number, number | null]>(
    'INSERT INTO feeds (url, title, site_url, created_at, folder_id) VALUES (?, ?, ?, ?, ?)',
  );
  const urls = db.prepare<[], { url: string }>('SELECT url FROM feeds');
  const exportRows = db.prepare<[], { url: string; title: string; site_url: string | null; folder: string | null }>(
    `SELECT f.url, f.title, f.site_url, d.name AS folder
     FROM feeds f LEFT JOIN folders d ON d.id = f.folder_id
     ORDER BY f.title COLLATE NOCASE, f.id`,
  );
  return {
    insertFeed: (url: string, title: string, siteUrl: string | null, now: number, folderId: number | null): number =>
      Number(insertFeed.run(url, title, siteUrl, now, folderId).lastInsertRowid),
    allUrls: (): Set<string> => new Set(urls.all().map((row) => row.url)),
    exportRows: () => exportRows.all(),
  };
}
