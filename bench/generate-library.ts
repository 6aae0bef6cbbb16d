/**
 * Builds a big library for the scale benchmark straight into a profile's
 * database: the real schema (openDb runs every migration), rows written in
 * big transactions. Per-row triggers (search index, change log) would make a
 * million inserts take minutes, so they are lifted during the load and put
 * back exactly as they were, and the search index is rebuilt in one pass:
 * the result is the same database the triggers would have built.
 */
import { join } from 'node:path';
import { openDb } from '../src/main/core/db/open-db';
import { databaseFileName } from '../src/main/core/start-core';

export interface LibraryShape {
  feeds: number;
  items: number;
  /** Share of items that are read (the oldest ones), as in a library lived in for years. */
  readShare: number;
  /** A word in about a third of all items, and one in a handful. */
  commonWord: string;
  rareWord: string;
  rareCount: number;
}

export interface GeneratedLibrary {
  file: string;
  itemsMs: number;
  indexMs: number;
  busiestFeedId: number;
}

/** A small deterministic random source, so every run builds the same library. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateLibrary(
  dataDir: string,
  shape: LibraryShape,
  feedUrl: (n: number) => string,
): GeneratedLibrary {
  const file = join(dataDir, databaseFileName);
  const db = openDb(file);
  const random = seeded(7);
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'be', 'da', 'fo', 'gu', 'hi', 'ja', 'pe', 'zo'];
  const vocabulary = Array.from({ length: 6000 }, () => {
    let word = '';
    const length = 2 + Math.floor(random() * 3);
    for (let i = 0; i < length; i++) word += syllables[Math.floor(random() * syllables.length)];
    return word;
  });
  // Zipf-like: a few words everywhere, most words rare, as in real text.
  const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)]!;
  const words = (n: number) => Array.from({ length: n }, word).join(' ');

  const now = Date.now();
  const span = 3 * 365 * 24 * 3_600_000;
  const rareEvery = Math.max(1, Math.floor(shape.items / shape.rareCount));

  const triggers = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'items' AND name NOT LIKE 'items_unread_%'",
    )
    .all();
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);

  const insertFeed = db.prepare<[string, string, number, number]>(
    'INSERT INTO feeds (url, title, created_at, last_fetched_at) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let n = 0; n < shape.feeds; n++) insertFeed.run(feedUrl(n), `Feed ${n} ${word()}`, now, now);
  })();

  const insertItem = db.prepare(
    `INSERT INTO items (feed_id, key, title, link, author, summary, content_html, published_at, sort_at,
       fetched_at, content_hash, read, starred)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const started = performance.now();
  const batch = 20_000;
  for (let start = 0; start < shape.items; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(shape.items, start + batch); i++) {
        // Items arrive in date order across all feeds; feed 1 posts the most.
        const feedId = random() < 0.02 ? 1 : 1 + Math.floor(random() * shape.feeds);
        const at = now - span + Math.floor((span * i) / shape.items);
        const common = random() < 0.33 ? ` ${shape.commonWord}` : '';
        const rare = i % rareEvery === 0 ? ` ${shape.rareWord}` : '';
        const title = `${words(5)}${common}`;
        const summary = words(25);
        const content = `<p>${summary} ${words(20)}${rare}</p><p><a href="https://example.org/${i}">${words(12)}</a></p>`;
        insertItem.run(
          feedId,
          `key-${i}`,
          title,
          `https://example.org/${i}`,
          random() < 0.5 ? `${word()} ${word()}` : null,
          summary,
          content,
          at,
          at,
          at,
          `h${i}`,
          i < shape.items * shape.readShare ? 1 : 0,
          random() < 0.005 ? 1 : 0,
        );
      }
    })();
  }
  const itemsMs = performance.now() - started;

  // New items are counted by the library's merge, not by a trigger (migration 010): count them here.
  db.exec('UPDATE feeds SET unread_count = (SELECT count(*) FROM items WHERE feed_id = feeds.id AND read = 0)');
  const indexStarted = performance.now();
  db.exec("INSERT INTO items_fts (items_fts) VALUES ('rebuild')");
  for (const trigger of triggers) db.exec(trigger.sql);
  const indexMs = performance.now() - indexStarted;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { file, itemsMs, indexMs, busiestFeedId: 1 };
}
