import type { Db } from '../db/open-db';
import type { Rule, RuleField, RuleMatch } from '../../../shared/api';

export interface RuleRow {
  id: number;
  position: number;
  name: string;
  enabled: number;
  field: RuleField;
  match: RuleMatch;
  value: string;
  actions: string;
  feed_id: number | null;
  folder_id: number | null;
}

export type RuleValues = Pick<Rule, 'name' | 'enabled' | 'field' | 'match' | 'value' | 'actions'> & {
  feedId: number | null;
  folderId: number | null;
};

/** The stored columns in the order both statements take them. */
const columns = (v: RuleValues) =>
  [v.name, v.enabled ? 1 : 0, v.field, v.match, v.value, JSON.stringify(v.actions), v.feedId, v.folderId] as const;

/** An item as a rule reads it when run over stored items. */
export interface StoredItemText {
  id: number;
  feed_id: number;
  title: string;
  author: string | null;
  summary: string;
  content_html: string;
  feed_title: string;
}

export type RulesRepo = ReturnType<typeof createRulesRepo>;

/** Rules (table rules, migration 012) and the item updates their actions make. */
export function createRulesRepo(db: Db) {
  const list = db.prepare<[], RuleRow>('SELECT * FROM rules ORDER BY position, id');
  const get = db.prepare<[number], RuleRow>('SELECT * FROM rules WHERE id = ?');
  const insert = db.prepare<
    [number, string, number, string, string, string, string, number | null, number | null, number]
  >(
    `INSERT INTO rules (position, name, enabled, field, match, value, actions, feed_id, folder_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare<[string, number, string, string, string, string, number | null, number | null, number]>(
    `UPDATE rules SET name = ?, enabled = ?, field = ?, match = ?, value = ?, actions = ?, feed_id = ?, folder_id = ?
     WHERE id = ?`,
  );
  const remove = db.prepare<[number]>('DELETE FROM rules WHERE id = ?');
  const setPosition = db.prepare<[number, number]>('UPDATE rules SET position = ? WHERE id = ?');
  const markRead = db.prepare<[number]>('UPDATE items SET read = 1 WHERE id = ? AND read = 0');
  const star = db.prepare<[number]>('UPDATE items SET starred = 1 WHERE id = ? AND starred = 0');
  const hide = db.prepare<[number]>('UPDATE items SET hidden = 1, read = 1 WHERE id = ? AND (hidden = 0 OR read = 0)');
  // Stored items in id order, a page at a time (keyset), for running a rule over what is already there.
  const page = (where: string) =>
    db.prepare<{ after: number; limit: number; feedId?: number; folderId?: number }, StoredItemText>(
      `SELECT i.id, i.feed_id, i.title, i.author, i.summary, i.content_html, f.title AS feed_title
       FROM items i JOIN feeds f ON f.id = i.feed_id
       WHERE i.id > @after AND i.hidden = 0 ${where} ORDER BY i.id LIMIT @limit`,
    );
  const pages = {
    all: page(''),
    feed: page('AND i.feed_id = @feedId'),
    folder: page('AND f.folder_id = @folderId'),
  };

  const ordered = db.transaction((ids: readonly number[]) => ids.forEach((id, index) => setPosition.run(index, id)));

  return {
    list: (): RuleRow[] => list.all(),
    get: (id: number): RuleRow | undefined => get.get(id),
    insert(values: RuleValues, position: number, now: number): number {
      const info = insert.run(position, ...columns(values), now);
      return Number(info.lastInsertRowid);
    },
    update(id: number, values: RuleValues): void {
      update.run(...columns(values), id);
    },
    remove: (id: number): boolean => remove.run(id).changes > 0,
    /** Renumbers the rules 0.. in the given order. */
    reorder: (ids: readonly number[]): void => ordered(ids),
    /** Each returns whether the item changed. Hiding marks read too, so no count or unread list sees it. */
    markRead: (itemId: number): boolean => markRead.run(itemId).changes > 0,
    star: (itemId: number): boolean => star.run(itemId).changes > 0,
    hide: (itemId: number): boolean => hide.run(itemId).changes > 0,
    storedPage(
      scope: { feedId: number } | { folderId: number } | null,
      after: number,
      limit: number,
    ): StoredItemText[] {
      if (scope === null) return pages.all.all({ after, limit });
      if ('feedId' in scope) return pages.feed.all({ after, limit, feedId: scope.feedId });
      return pages.folder.all({ after, limit, folderId: scope.folderId });
    },
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
