import type { Db } from './open-db';
import { indexForm, quoteWord } from '../search/fts-query';

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

/**
 * A search as FTS5 runs it: the words, and the scope as one more term
 * (`search_scope`, migration 010) or, for a folder holding a big share of the
 * feeds, as a filter on each match's feed.
 */
export interface ScopedQuery {
  /** Everywhere in the item. */
  all: string;
  /** In the title or author only. */
  title: string;
  /** Matches are kept only when their feed is in this folder (checked per match). */
  folderFilter: number | null;
}

export type SearchRepo = ReturnType<typeof createSearchRepo>;

/** A folder with more feeds than this, or than this share of all feeds, is filtered per match instead of listed. */
const folderTermsMax = 64;
const folderTermsShare = 0.25;
/**
 * A half-typed word of four letters or more is searched as the words it begins,
 * up to this many (one letter: twice as many two-letter prefixes). Each costs a
 * lookup in every segment of the index: about 60 µs per walk.
 */
const prefixWordsMax = 32;

/**
 * Full-text queries over `items_fts`. Ranking: of the newest `window` matches,
 * those with the words in the title or author first, then the rest, newest
 * first within each. bm25() was tried and dropped: it counts every row holding
 * each word before ranking any (30 ms for a word in a third of a million
 * items), while two lazy walks of the posting lists, newest first and stopping
 * at `window`, cost well under a millisecond.
 */
export function createSearchRepo(db: Db) {
  const walk = db.prepare<[string, number], { id: number }>(
    'SELECT rowid AS id FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid DESC LIMIT ?',
  );
  const walkInFolder = db.prepare<[string, number, number], { id: number }>(
    `SELECT items_fts.rowid AS id FROM items_fts
       JOIN items i ON i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id
     WHERE items_fts MATCH ? AND f.folder_id = ? ORDER BY items_fts.rowid DESC LIMIT ?`,
  );
  const folderFeeds = db.prepare<[number], { id: number }>('SELECT id FROM feeds WHERE folder_id = ?');
  const feedCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM feeds');

  // Marks for the chosen hits, found by walking the matches newest first (as the
  // candidates were) and stopping at the oldest hit. FTS5 seeks to a rowid by
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
  // U+0001 sorts before every character a word can hold; U+10FFFF after every one.
  const wordAfter = (word: string) => firstWordFrom.get(`${word}\u0001`)?.term;
  const wordFrom = (prefix: string) => firstWordFrom.get(prefix)?.term;

  function wordsStartingWith(prefix: string, max: number): string[] | null {
    const words: string[] = [];
    for (let word = wordFrom(prefix); word?.startsWith(prefix); word = wordAfter(word)) {
      if (words.length === max) return null;
      words.push(word);
    }
    return words;
  }

  /** The two-letter beginnings of the indexed words starting with this letter, each once (and the letter as a word). */
  function twoLetterPrefixes(letter: string, max: number): { word: boolean; prefixes: string[] } | null {
    let word = false;
    const prefixes: string[] = [];
    for (let term = wordFrom(letter); term?.startsWith(letter);) {
      const [, second] = [...term];
      if (second === undefined) {
        word = true;
        term = wordAfter(term);
        continue;
      }
      const prefix = letter + second;
      if (prefixes.length === max) return null;
      prefixes.push(prefix);
      term = wordFrom(`${prefix}\u{10FFFF}`);
    }
    return { word, prefixes };
  }

  function scopeTerm(scope: SearchScope): { term: string | null; folderFilter: number | null } {
    if (scope.kind === 'all') return { term: null, folderFilter: null };
    if (scope.kind === 'feed') return { term: `search_scope : "feed${scope.feedId}"`, folderFilter: null };
    const ids = folderFeeds.all(scope.folderId).map((row) => row.id);
    // An empty folder matches nothing: a scope no item has.
    if (ids.length === 0) return { term: 'search_scope : "feed0"', folderFilter: null };
    if (ids.length > folderTermsMax || ids.length > feedCount.get()!.n * folderTermsShare) {
      return { term: null, folderFilter: scope.folderId };
    }
    return { term: `search_scope : (${ids.map((id) => `"feed${id}"`).join(' OR ')})`, folderFilter: null };
  }

  function walkIds(query: string, folderFilter: number | null, window: number): number[] {
    const rows = folderFilter === null ? walk.all(query, window) : walkInFolder.all(query, folderFilter, window);
    return rows.map((row) => row.id);
  }

  return {
    /**
     * The FTS5 expression for a half-typed word: two or three letters read their
     * prefix index; one letter, the two-letter prefixes of the words it begins;
     * longer, the words themselves (a `word*` without a prefix index merges the
     * postings of every word it begins before returning any). Null: `"word"*`.
     */
    prefixQuery(typed: string): string | null {
      const form = indexForm(typed);
      // Words with an apostrophe are phrases to FTS5: its own prefix handling is right for them.
      if (!/^[\p{L}\p{N}]+$/u.test(form)) return null;
      const length = [...form].length;
      if (length === 2 || length === 3) return `${quoteWord(form)}*`;
      if (length === 1) {
        const found = twoLetterPrefixes(form, prefixWordsMax * 2);
        if (found === null) return null;
        const { word, prefixes } = found;
        const terms = [...(word ? [quoteWord(form)] : []), ...prefixes.map((prefix) => `${quoteWord(prefix)}*`)];
        return terms.length > 0 ? `(${terms.join(' OR ')})` : quoteWord(form);
      }
      const words = wordsStartingWith(form, prefixWordsMax);
      if (words === null) return null;
      return words.length > 0 ? `(${words.map(quoteWord).join(' OR ')})` : quoteWord(form);
    },
    /** The words and the scope, as FTS5 runs them. */
    scoped(query: string, scope: SearchScope): ScopedQuery {
      const { term, folderFilter } = scopeTerm(scope);
      const inScope = (words: string) => (term ? `${words} AND ${term}` : words);
      return { all: inScope(`(${query})`), title: inScope(`{title author} : (${query})`), folderFilter };
    },
    /** The best `limit` of the newest `window` matches, best first. Throws on an FTS5 syntax error. */
    candidates(query: ScopedQuery, limit: number, window: number): SearchCandidate[] {
      const newest = walkIds(query.all, query.folderFilter, window);
      if (newest.length === 0) return [];
      // Title matches are matches too: those among the newest are the title walk down to the oldest of them.
      const oldest = newest.at(-1)!;
      const inTitle = new Set(walkIds(query.title, query.folderFilter, window).filter((id) => id >= oldest));
      const ranked: SearchCandidate[] = [];
      for (const id of newest) if (inTitle.has(id)) ranked.push({ id, score: 0 });
      for (const id of newest) if (!inTitle.has(id)) ranked.push({ id, score: 1 });
      return ranked.slice(0, limit);
    },
    /** How SQLite runs a search's walk (printed by the scale benchmark). */
    explainCandidates(query: ScopedQuery, window: number): string[] {
      const statement = query.folderFilter === null ? walk : walkInFolder;
      const params = query.folderFilter === null ? [query.all, window] : [query.all, query.folderFilter, window];
      return db
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${statement.source}`)
        .all(...params)
        .map((row) => row.detail);
    },
    /** The indexed words that begin with `prefix` (in index form), or null when there are more than `max`. */
    wordsStartingWith,
    /** The highlighted title and the snippets of these matching items (marks as given). */
    marks(query: ScopedQuery, ids: readonly number[], start: string, end: string): SearchMarks[] {
      if (ids.length === 0) return [];
      const low = Math.min(...ids);
      const found: SearchMarks[] = [];
      // (A folder filtered per match walks the unscoped matches: its hits are among them.)
      for (const row of marks.iterate({ query: query.all, ids: JSON.stringify(ids), start, end })) {
        found.push(row);
        if (found.length === ids.length || row.id === low) break;
      }
      return found;
    },
  };
}
