import type { Db } from './open-db';
import type { NormalisedItem } from '../feeds/normalise-item';

export interface ItemRow {
  id: number;
  feed_id: number;
  feed_title: string;
  title: string;
  link: string | null;
  author: string | null;
  summary: string;
  sort_at: number;
  read: number;
  starred: number;
}

export interface ItemDetailRow extends ItemRow {
  content_html: string;
  /** JSON array of enclosures. */
  enclosures: string;
  image_url: string | null;
}

export interface ListQuery {
  feedId?: number;
  /** Items of the feeds in this folder (feeds.folder_id). */
  folderId?: number;
  unreadOnly?: boolean;
  starredOnly?: boolean;
  limit: number;
  before?: { sortAt: number; id: number };
}

export type ItemsRepo = ReturnType<typeof createItemsRepo>;

// An item is read by its own flag or by its feed's read mark (migration 010): read state is always both.
const summaryColumns = `i.id, i.feed_id, f.title AS feed_title, i.title, i.link, i.author, i.summary,
  i.sort_at, (i.read = 1 OR i.id <= f.read_through) AS read, i.starred`;

export function createItemsRepo(db: Db) {
  const findKey = db.prepare<[number, string], { id: number; content_hash: string }>(
    'SELECT id, content_hash FROM items WHERE feed_id = ? AND key = ?',
  );
  const insert = db.prepare<
    [
      number,
      string,
      string,
      string | null,
      string | null,
      string,
      string,
      number | null,
      number,
      number,
      string,
      string,
      string | null,
    ]
  >(
    `INSERT INTO items (feed_id, key, title, link, author, summary, content_html, published_at, sort_at,
       fetched_at, content_hash, enclosures, image_url)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // An edited item keeps its place, its read and starred state: only its text changes.
  const update = db.prepare<
    [string, string | null, string | null, string, string, number | null, string, string, string | null, number]
  >(
    `UPDATE items SET title = ?, link = ?, author = ?, summary = ?, content_html = ?, published_at = ?,
       content_hash = ?, enclosures = ?, image_url = ? WHERE id = ?`,
  );
  // One statement for any number of ids (a JSON array), instead of preparing one per count on a hot path.
  const byIds = db.prepare<[string], ItemRow>(
    `SELECT ${summaryColumns} FROM items i JOIN feeds f ON f.id = i.feed_id
     WHERE i.id IN (SELECT value FROM json_each(?)) AND i.hidden = 0 ORDER BY i.sort_at DESC, i.id DESC`,
  );
  const detail = db.prepare<[number], ItemDetailRow>(
    `SELECT ${summaryColumns}, i.content_html, i.enclosures, i.image_url
     FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?`,
  );
  const setRead = db.prepare<[number, number, number]>('UPDATE items SET read = ? WHERE id = ? AND read <> ?');
  // A key retention pruned that the feed still lists: refresh its tombstone instead of storing it again as unread.
  // New items are unread: counted once per merge here, the one writer of items (migration 010).
  const countNew = db.prepare<[number, number]>('UPDATE feeds SET unread_count = unread_count + ? WHERE id = ?');
  const stillPruned = db.prepare<[number, number, string]>(
    'UPDATE pruned_items SET seen_at = ? WHERE feed_id = ? AND key = ?',
  );

  // Keyset paging: one prepared statement per shape of query, each served by one index.
  const listStatements = new Map<string, ReturnType<typeof db.prepare>>();
  function listStatement(q: ListQuery) {
    const shape = `${q.feedId !== undefined}-${q.folderId !== undefined}-${Boolean(q.unreadOnly)}-${Boolean(q.starredOnly)}-${q.before !== undefined}`;
    let statement = listStatements.get(shape);
    if (!statement) {
      // Items a rule hid are kept (so a re-fetch doesn't bring them back) but never listed.
      const where: string[] = ['i.hidden = 0'];
      if (q.feedId !== undefined) where.push('i.feed_id = @feedId');
      if (q.folderId !== undefined) where.push('f.folder_id = @folderId');
      if (q.unreadOnly) where.push('i.read = 0 AND i.id > f.read_through');
      if (q.starredOnly) where.push('i.starred = 1');
      if (q.before) where.push('(i.sort_at < @sortAt OR (i.sort_at = @sortAt AND i.id < @id))');
      statement = db.prepare(
        `SELECT ${summaryColumns} FROM items i JOIN feeds f ON f.id = i.feed_id
         WHERE ${where.join(' AND ')}
         ORDER BY i.sort_at DESC, i.id DESC LIMIT @limit`,
      );
      listStatements.set(shape, statement);
    }
    return statement;
  }

  return {
    /**
     * Inserts new items and updates changed ones, in the caller's transaction.
     * Returns the ids of the items that were new: exactly what `itemsAdded` reports.
     * `onNew` sees each new item with its id, in the same transaction (the rules' seam).
     */
    upsert(
      feedId: number,
      items: readonly NormalisedItem[],
      now: number,
      onNew?: (id: number, item: NormalisedItem) => void,
      /** Where `items` starts in the whole list (a chunk of a long merge): undated items keep their places. */
      indexBase = 0,
    ): number[] {
      const added: number[] = [];
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.key)) return; // a feed that repeats an entry gets it once
        seen.add(item.key);
        const existing = findKey.get(feedId, item.key);
        if (!existing) {
          if (stillPruned.run(now, feedId, item.key).changes > 0) return;
          // Undated items keep the feed's order (newest first) without all sharing one instant.
          const sortAt = Math.min(item.publishedAt ?? now - indexBase - index, now);
          const info = insert.run(
            feedId,
            item.key,
            item.title,
            item.link,
            item.author,
            item.summary,
            item.contentHtml,
            item.publishedAt,
            sortAt,
            now,
            item.contentHash,
            JSON.stringify(item.enclosures),
            item.imageUrl,
          );
          added.push(Number(info.lastInsertRowid));
          onNew?.(Number(info.lastInsertRowid), item);
        } else if (existing.content_hash !== item.contentHash) {
          update.run(
            item.title,
            item.link,
            item.author,
            item.summary,
            item.contentHtml,
            item.publishedAt,
            item.contentHash,
            JSON.stringify(item.enclosures),
            item.imageUrl,
            existing.id,
          );
        }
      });
      if (added.length > 0) countNew.run(added.length, feedId);
      return added;
    },
    byIds(ids: readonly number[]): ItemRow[] {
      return ids.length === 0 ? [] : byIds.all(JSON.stringify(ids));
    },
    list(q: ListQuery): ItemRow[] {
      const params: Record<string, number> = { limit: q.limit };
      if (q.feedId !== undefined) params.feedId = q.feedId;
      if (q.folderId !== undefined) params.folderId = q.folderId;
      if (q.before) Object.assign(params, q.before);
      return listStatement(q).all(params) as ItemRow[];
    },
    /** How SQLite runs a list query (the scale benchmark prints it: every list must walk an index, never sort). */
    explainList(q: ListQuery): string[] {
      const params: Record<string, number> = { limit: q.limit };
      if (q.feedId !== undefined) params.feedId = q.feedId;
      if (q.folderId !== undefined) params.folderId = q.folderId;
      if (q.before) Object.assign(params, q.before);
      const plan = db.prepare<Record<string, number>, { detail: string }>(
        `EXPLAIN QUERY PLAN ${listStatement(q).source}`,
      );
      return plan.all(params).map((row) => row.detail);
    },
    get: (id: number): ItemDetailRow | undefined => detail.get(id),
    setRead(ids: readonly number[], read: boolean): number {
      const value = read ? 1 : 0;
      let changed = 0;
      for (const id of ids) changed += setRead.run(value, id, value).changes;
      return changed;
    },
  };
}
