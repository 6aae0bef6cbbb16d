import type { Db } from './open-db';

export type SearchScope = { kind: 'all' } | { kind: 'feed'; feedId: number } | { kind: 'folder'; folderId: number };

export interface SearchCandidate {
  id: number;
  score: number;
}

export interface SearchMarks {
  id: number;
  title: string;
  /** Snippets of the summary and of the content, in FTS5's marks. */
  summary: string;
  content: string;
}

export type SearchRepo = ReturnType<typeof createSearchRepo>;

/**
 * Title matches count most, then author, summary and content (bm25 weights,
 * in the index's column order: title, summary, content_html, author).
 */
const score = 'bm25(items_fts, 10.0, 3.0, 1.0, 5.0)';

/**
 * Full-text queries over `items_fts`. Ranking every match of a common word
 * costs hundreds of milliseconds at a million items, so only the newest
 * `window` matches (FTS5 walks them in rowid order, newest first, without
 * sorting) are ranked, and the best of those returned.
 */
export function createSearchRepo(db: Db) {
  const scoped = (join: string, where: string) =>
    db.prepare<Record<string, string | number>, SearchCandidate>(
      `SELECT id, score FROM (
         SELECT items_fts.rowid AS id, ${score} AS score FROM items_fts ${join}
         WHERE items_fts MATCH @query ${where}
         ORDER BY items_fts.rowid DESC LIMIT @window
       ) ORDER BY score, id DESC LIMIT @limit`,
    );
  const candidates = {
    all: scoped('', ''),
    feed: scoped('JOIN items i ON i.id = items_fts.rowid', 'AND i.feed_id = @feedId'),
    folder: scoped(
      'JOIN items i ON i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id',
      'AND f.folder_id = @folderId',
    ),
  };
  // A range, not "rowid = @id": SQLite 3.54's FTS5 drops an equality on rowid next to
  // MATCH and returns every match (seen here; the range is honoured and seeks directly).
  const marks = db.prepare<{ query: string; id: number; start: string; end: string }, SearchMarks>(
    `SELECT items_fts.rowid AS id,
       highlight(items_fts, 0, @start, @end) AS title,
       snippet(items_fts, 1, @start, @end, '…', 24) AS summary,
       snippet(items_fts, 2, @start, @end, '…', 40) AS content
     FROM items_fts WHERE items_fts MATCH @query AND items_fts.rowid >= @id AND items_fts.rowid <= @id`,
  );

  return {
    /** The best `limit` of the newest `window` matches, best first. Throws on an FTS5 syntax error. */
    candidates(query: string, scope: SearchScope, limit: number, window: number): SearchCandidate[] {
      const params: Record<string, string | number> = { query, limit, window };
      if (scope.kind === 'feed') params.feedId = scope.feedId;
      if (scope.kind === 'folder') params.folderId = scope.folderId;
      return candidates[scope.kind].all(params);
    },
    /** The title highlighted and snippets for one matching item (marks as given). */
    marks(query: string, id: number, start: string, end: string): SearchMarks | undefined {
      return marks.get({ query, id, start, end });
    },
  };
}
