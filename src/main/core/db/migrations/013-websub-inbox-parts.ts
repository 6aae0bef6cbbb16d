import type Database from 'better-sqlite3';

/**
 * Issue 15: a big ping's body is stored in parts, each in a transaction of its
 * own, before its inbox row. Writing a 9.6 MB body in one go held the thread
 * ~40-90 ms (the blob, the WAL, a checkpoint); a part of 512 KB takes a few ms.
 *
 * A row with `parts_of` has an empty `body`: its bytes are the parts of that
 * upload, in `seq` order. The row is written last, in the acknowledgement's
 * group commit, so an acknowledged ping always has all its parts; parts whose
 * row never came (a crash midway, a ping refused) are swept at start. The
 * trigger removes a row's parts with it, whether the merge removed the row or
 * the feed's removal cascaded to it.
 */
export function websubInboxParts(db: Database.Database): void {
  db.exec(`
    CREATE TABLE websub_inbox_parts (
      id INTEGER PRIMARY KEY,
      upload INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      bytes BLOB NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX websub_inbox_parts_in_order ON websub_inbox_parts (upload, seq);

    ALTER TABLE websub_inbox ADD COLUMN parts_of INTEGER;

    CREATE TRIGGER websub_inbox_parts_go_with_their_row AFTER DELETE ON websub_inbox
    WHEN old.parts_of IS NOT NULL
    BEGIN
      DELETE FROM websub_inbox_parts WHERE upload = old.parts_of;
    END;
  `);
}
