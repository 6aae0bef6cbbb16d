import type { Db } from './open-db';

export type SearchScope = { kind: 'all' } | { kind: 'feed'; feedId: number } | { kind: 'folder'; folderId: number };

export interface SearchCandidate {
  id: number;
  /** 0: the words are in the title or author; 1: elsewhere. */
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

/** The same query limited to the title and author columns. */
const inTitle = (query: string) => `{title author} : (${query})`;

/**
 * Full-text queries over `items_fts`. Ranking: matches in the title or author
 * first, then matches anywhere, newest first within each. bm25() was tried and
 * dropped: it counts every row holding each word before ranking any (30 ms for
 * a word in a third of a million items), while two lazy walks of the posting
 * lists, newest first and stopping at `window`, cost about a millisecond.
 */
export function createSearchRepo(db: Db) {
  const scoped = (join: string, where: string) =>
    db.prepare<Record<string, string | number>, SearchCandidate>(
      `SELECT id, min(tier) AS score FROM (
         SELECT * FROM (
           SELECT items_fts.rowid AS id, 0 AS tier FROM items_fts ${join}
           WHERE items_fts MATCH @titleQuery ${where}
           ORDER BY items_fts.rowid DESC LIMIT @window)
         UNION ALL
         SELECT * FROM (
           SELECT items_fts.rowid AS id, 1 AS tier FROM items_fts ${join}
           WHERE items_fts MATCH @query ${where}
           ORDER BY items_fts.rowid DESC LIMIT @window)
       ) GROUP BY id ORDER BY score, id DESC LIMIT @limit`,
    );
  const candidates = {
    all: scoped('', ''),
    feed: scoped('JOIN items i ON i.id = items_fts.rowid', 'AND i.feed_id = @feedId'),
    folder: scoped(
      'JOIN items i ON i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id',
      'AND f.folder_id = @folderId',
    ),
  };
  // Marks for the chosen hits, found by walking the matches newest first (as the
  // candidates were) and stopping below the oldest hit. FTS5 seeks to a rowid by
  // reading the posting list from its start (11 ms for a word in a third of a
  // million items), while walking from the newest end costs only what it reads.
  // The IN list only filters (the unary + keeps FTS5 from taking it as a
  // constraint: it would re-run the MATCH once per id), so highlight() and
  // snippet() run for exactly these rows.
  const marks = db.prepare<{ query: string; ids: string; start: string; end: string }, SearchMarks>(
    `SELECT items_fts.rowid AS id,
       highlight(items_fts, 0, @start, @end) AS title,
       snippet(items_fts, 1, @start, @end, '…', 24) AS summary,
       snippet(items_fts, 2, @start, @end, '…', 40) AS content
     FROM items_fts
     WHERE items_fts MATCH @query AND +items_fts.rowid IN (SELECT value FROM json_each(@ids))
     ORDER BY items_fts.rowid DESC`,
  );

  // The index's own word list (a per-connection view, nothing stored). The
  // 'instance' kind reads lazily: stepping from one word to the next costs tens of
  // microseconds, where the 'row' kind counts every posting of each word it passes
  // (5 ms for a word in a third of a million items). Only ">=" on the term is
  // served by the index, so the next word is looked for from just past this one.
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.items_fts_instances USING fts5vocab(main, items_fts, 'instance')");
  const firstWordFrom = db.prepare<[string], { term: string }>(
    'SELECT term FROM temp.items_fts_instances WHERE term >= ? LIMIT 1',
  );

  return {
    /** The best `limit` of the newest `window` matches, best first. Throws on an FTS5 syntax error. */
    candidates(query: string, scope: SearchScope, limit: number, window: number): SearchCandidate[] {
      const params: Record<string, string | number> = { query, titleQuery: inTitle(query), limit, window };
      if (scope.kind === 'feed') params.feedId = scope.feedId;
      if (scope.kind === 'folder') params.folderId = scope.folderId;
      return candidates[scope.kind].all(params);
    },
    /** How SQLite runs a search (printed by the scale benchmark). */
    explainCandidates(query: string, scope: SearchScope, limit: number, window: number): string[] {
      const params: Record<string, string | number> = { query, titleQuery: inTitle(query), limit, window };
      if (scope.kind === 'feed') params.feedId = scope.feedId;
      if (scope.kind === 'folder') params.folderId = scope.folderId;
      const plan = db.prepare<Record<string, string | number>, { detail: string }>(
        `EXPLAIN QUERY PLAN ${candidates[scope.kind].source}`,
      );
      return plan.all(params).map((row) => row.detail);
    },
    /** The indexed words that begin with `prefix` (in index form), or null when there are more than `max`. */
    wordsStartingWith(prefix: string, max: number): string[] | null {
      const words: string[] = [];
      // U+0001 sorts before every character a word can hold: the first word after `term`.
      for (
        let row = firstWordFrom.get(prefix);
        row?.term.startsWith(prefix);
        row = firstWordFrom.get(`${row.term}\u0001`)
      ) {
        if (words.length === max) return null;
        words.push(row.term);
      }
      return words;
    },
    /** The highlighted title and the snippets of these matching items (marks as given). */
    marks(query: string, ids: readonly number[], start: string, end: string): SearchMarks[] {
      if (ids.length === 0) return [];
      const low = Math.min(...ids);
      const found: SearchMarks[] = [];
      for (const row of marks.iterate({ query, ids: JSON.stringify(ids), start, end })) {
        found.push(row);
        if (found.length === ids.length || row.id === low) break;
      }
      return found;
    },
  };
}
