import type { Db } from '../db/open-db';

export interface PublishPingRow {
  hub_url: string;
  /** The topic owed a ping; null when none is. */
  topic: string | null;
  attempts: number;
  next_attempt_at: number | null;
  last_ping_at: number | null;
  last_answer: string | null;
  last_ok: number | null;
}

/** Pings owed to the external hubs of `shareHubUrls`, and each one's last answer (kept across restarts). */
export type PublishPingsRepo = ReturnType<typeof createPublishPingsRepo>;

export function createPublishPingsRepo(db: Db) {
  const all = db.prepare<[], PublishPingRow>('SELECT * FROM hub_publish_pings ORDER BY hub_url');
  const add = db.prepare<[string]>('INSERT OR IGNORE INTO hub_publish_pings (hub_url) VALUES (?)');
  const remove = db.prepare<[string]>('DELETE FROM hub_publish_pings WHERE hub_url = ?');
  const owe = db.prepare<[string, number]>('UPDATE hub_publish_pings SET topic = ?, attempts = 0, next_attempt_at = ?');
  const recordAnswer = db.prepare<[number, string, number, string]>(
    'UPDATE hub_publish_pings SET last_ping_at = ?, last_answer = ?, last_ok = ? WHERE hub_url = ?',
  );
  // Only the ping that was claimed is settled: a change owed meanwhile (a new next_attempt_at) stays owed.
  const settle = db.prepare<[string | null, number, number | null, string, number]>(
    `UPDATE hub_publish_pings SET topic = ?, attempts = ?, next_attempt_at = ?
     WHERE hub_url = ? AND next_attempt_at = ?`,
  );
  const answered = db.transaction(
    (
      hubUrl: string,
      claimedAt: number,
      answer: { at: number; text: string; ok: boolean },
      next: { topic: string; attempts: number; at: number } | null,
    ) => {
      recordAnswer.run(answer.at, answer.text, answer.ok ? 1 : 0, hubUrl);
      settle.run(next?.topic ?? null, next?.attempts ?? 0, next?.at ?? null, hubUrl, claimedAt);
    },
  );
  const sync = db.transaction((urls: readonly string[]) => {
    for (const row of all.all()) if (!urls.includes(row.hub_url)) remove.run(row.hub_url);
    for (const url of urls) add.run(url);
  });

  return {
    all: () => all.all(),
    /** Keeps exactly these hubs (their history stays; removed ones go). */
    sync: (urls: readonly string[]) => sync(urls),
    /** Every hub is owed a ping about `topic` from `at`. */
    oweAll: (topic: string, at: number) => void owe.run(topic, at),
    /** Records a hub's answer to the ping claimed at `claimedAt`, and what is owed next (null: nothing). */
    answered: (
      hubUrl: string,
      claimedAt: number,
      answer: { at: number; text: string; ok: boolean },
      next: { topic: string; attempts: number; at: number } | null,
    ) => answered(hubUrl, claimedAt, answer, next),
  };
}
