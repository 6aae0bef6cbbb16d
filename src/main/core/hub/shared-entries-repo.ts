import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open-db';

export interface SharedEntryRow {
  id: number;
  atom_id: string;
  item_id: number | null;
  title: string;
  link: string | null;
  author: string | null;
  summary: string;
  note: string | null;
  source_title: string;
  source_url: string | null;
  source_site_url: string | null;
  shared_at: number;
}

export interface SharedFeedRow {
  atom_id: string;
  version: number;
  updated_at: number;
}

export interface NewSharedEntry {
  itemId: number;
  title: string;
  link: string | null;
  author: string | null;
  summary: string;
  note: string | null;
  sourceTitle: string;
  sourceUrl: string | null;
  sourceSiteUrl: string | null;
  sharedAt: number;
}

/** What the shared feed is made of: its one state row and its entries. */
export type SharedEntriesRepo = ReturnType<typeof createSharedEntriesRepo>;

export function createSharedEntriesRepo(db: Db) {
  const feedRow = db.prepare<[], SharedFeedRow>('SELECT atom_id, version, updated_at FROM shared_feed WHERE id = 1');
  const createFeed = db.prepare<[string, number]>(
    'INSERT OR IGNORE INTO shared_feed (id, atom_id, version, updated_at) VALUES (1, ?, 1, ?)',
  );
  const bumpFeed = db.prepare<[number]>('UPDATE shared_feed SET version = version + 1, updated_at = ? WHERE id = 1');
  const newest = db.prepare<[number], SharedEntryRow>(
    'SELECT * FROM shared_entries ORDER BY shared_at DESC, id DESC LIMIT ?',
  );
  const byItem = db.prepare<[number], SharedEntryRow>('SELECT * FROM shared_entries WHERE item_id = ?');
  const byId = db.prepare<[number], SharedEntryRow>('SELECT * FROM shared_entries WHERE id = ?');
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM shared_entries');
  const insert = db.prepare<
    [
      string,
      number,
      string,
      string | null,
      string | null,
      string,
      string | null,
      string,
      string | null,
      string | null,
      number,
    ]
  >(
    `INSERT INTO shared_entries (atom_id, item_id, title, link, author, summary, note, source_title, source_url, source_site_url, shared_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setNote = db.prepare<[string | null, number]>('UPDATE shared_entries SET note = ? WHERE id = ?');
  const remove = db.prepare<[number]>('DELETE FROM shared_entries WHERE id = ?');

  return {
    /** The feed's state, created on first use with a fresh stable id. */
    feed(now: number): SharedFeedRow {
      const row = feedRow.get();
      if (row) return row;
      createFeed.run(`urn:uuid:${randomUUID()}`, now);
      return feedRow.get()!;
    },
    /** A new version of the feed (call inside the transaction that changed it). */
    bump(now: number): SharedFeedRow {
      this.feed(now);
      bumpFeed.run(now);
      return feedRow.get()!;
    },
    newest: (limit: number) => newest.all(limit),
    byItem: (itemId: number) => byItem.get(itemId),
    byId: (id: number) => byId.get(id),
    count: () => count.get()!.n,
    insert(entry: NewSharedEntry): SharedEntryRow {
      const result = insert.run(
        `urn:uuid:${randomUUID()}`,
        entry.itemId,
        entry.title,
        entry.link,
        entry.author,
        entry.summary,
        entry.note,
        entry.sourceTitle,
        entry.sourceUrl,
        entry.sourceSiteUrl,
        entry.sharedAt,
      );
      return byId.get(Number(result.lastInsertRowid))!;
    },
    setNote(id: number, note: string | null): SharedEntryRow {
      setNote.run(note, id);
      return byId.get(id)!;
    },
    remove: (id: number) => remove.run(id).changes > 0,
  };
}
