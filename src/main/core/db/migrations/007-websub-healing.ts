import type Database from 'better-sqlite3';

/**
 * Subscriptions that heal themselves: how often a poll found items a live hub
 * never delivered (Tidings then subscribed again), and when it last did, so
 * the feed's delivery details can say so and the poller can keep polling
 * until the hub delivers again.
 *
 * Written to add only what is missing, so it stays correct whatever position
 * the other branches' migrations of this wave end up in.
 */
export function websubHealing(db: Database.Database): void {
  const columns = new Set(
    (db.prepare(`SELECT name FROM pragma_table_info('websub_feeds')`).all() as Array<{ name: string }>).map(
      (column) => column.name,
    ),
  );
  if (!columns.has('resubscribes')) {
    db.exec('ALTER TABLE websub_feeds ADD COLUMN resubscribes INTEGER NOT NULL DEFAULT 0');
  }
  if (!columns.has('last_resubscribe_at')) {
    db.exec('ALTER TABLE websub_feeds ADD COLUMN last_resubscribe_at INTEGER');
  }
}
