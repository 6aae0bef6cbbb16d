import type { Db } from '../db/open-db';
import type { Article } from '../../../shared/api';

export type ArticlesRepo = ReturnType<typeof createArticlesRepo>;

/** Extracted articles (table articles, migration 012), one per item, gone with the item. */
export function createArticlesRepo(db: Db) {
  const get = db.prepare<[number], { url: string; title: string; byline: string | null; content_html: string }>(
    'SELECT url, title, byline, content_html FROM articles WHERE item_id = ?',
  );
  const store = db.prepare<[number, string, string, string | null, string, number]>(
    `INSERT INTO articles (item_id, url, title, byline, content_html, extracted_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (item_id) DO UPDATE SET url = excluded.url, title = excluded.title, byline = excluded.byline,
       content_html = excluded.content_html, extracted_at = excluded.extracted_at`,
  );
  return {
    get(itemId: number): Article | undefined {
      const row = get.get(itemId);
      return row ? { url: row.url, title: row.title, byline: row.byline, contentHtml: row.content_html } : undefined;
    },
    store(itemId: number, article: Article, now: number): void {
      store.run(itemId, article.url, article.title, article.byline, article.contentHtml, now);
    },
  };
}
