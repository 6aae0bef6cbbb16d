import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { systemClock } from '../../src/main/core/clock';
import { openDb } from '../../src/main/core/db/open-db';
import { createEventHub } from '../../src/main/core/events';
import { createLibrary } from '../../src/main/core/library';
import { normaliseItems } from '../../src/main/core/feeds/normalise-item';
import { makeTempDir } from '../support/temp-dir';

/**
 * A list longer than one transaction (a 100,000-entry ping, a 10 MB feed) is
 * stored in chunks, each committed on its own with the event loop free between
 * them; what readers see after each chunk is whole, and nothing is lost, doubled
 * or misordered across chunk edges.
 */
test('a long merge is stored in chunks: every item once, in order, the loop free between, validators last', async () => {
  const dir = makeTempDir();
  const db = openDb(join(dir.path, 'library.sqlite'));
  try {
    const events = createEventHub(() => {});
    const library = createLibrary(db, events, systemClock);
    const meta = { title: 'Long', siteUrl: null, etag: null, lastModified: null };
    const { feed } = await library.addFeed('http://feed.example/long', meta, []);
    const count = 5_000;
    // Undated entries, newest first, and one repeated near the end (the first copy wins).
    const draft = (id: string, title: string) => ({
      id,
      title,
      link: null,
      author: null,
      publishedAt: null,
      contentHtml: `<p>${title}</p>`,
      summaryText: '',
      enclosures: [],
      imageUrl: null,
    });
    const drafts = Array.from({ length: count }, (_, n) => draft(`e${n}`, `Entry ${n}`));
    drafts.push(draft('e3', 'A later copy of entry 3'));
    const items = normaliseItems(drafts);

    const batches: Array<{ ids: number[]; unread: number; etag: string | null }> = [];
    events.on('itemsAdded', ({ items: added }) => {
      const row = library.feeds.get(feed.id)!;
      batches.push({ ids: added.map((item) => item.id), unread: row.unread_count, etag: row.etag });
    });
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const added = await library.merge(feed.id, items, { ...meta, etag: '"v2"' });
    clearInterval(ticking);

    assert.equal(added, count);
    assert.ok(batches.length > 1, `stored in ${batches.length} chunk(s)`);
    assert.ok(turns > 0, 'timers ran between chunks');
    // Each committed chunk has its items and its unread count together; the validators only with the last.
    let seen = 0;
    for (const [n, batch] of batches.entries()) {
      seen += batch.ids.length;
      assert.equal(batch.unread, seen);
      assert.equal(batch.etag, n === batches.length - 1 ? '"v2"' : null);
    }
    const stored = db
      .prepare('SELECT key, title FROM items WHERE feed_id = ? ORDER BY sort_at DESC, id DESC')
      .all(feed.id) as Array<{ key: string; title: string }>;
    assert.equal(stored.length, count);
    assert.deepEqual(
      stored.map((row) => row.title),
      drafts.slice(0, count).map((draft) => draft.title),
    );
    assert.equal(library.feeds.get(feed.id)!.etag, '"v2"');
  } finally {
    db.close();
    dir.remove();
  }
});
