import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startCore } from '../../src/main/core/start-core';
import { toApiError } from '../../src/main/core/app-error';
import { makeTempDir } from '../support/temp-dir';

// Issue 15: a full disk and other environment failures reached people as "INTERNAL: Something went
// wrong". Each failure here is real (SQLite out of pages, the kernel's /dev/full, a read-only
// connection, a file where the profile folder should be), then put through the core's one translation.

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

test('a full disk is said in words, from SQLite and from the file system', () => {
  const dir = makeTempDir();
  try {
    const db = new Database(join(dir.path, 'small.sqlite'));
    db.exec('CREATE TABLE t (x TEXT)');
    db.pragma('max_page_count = 8');
    const full = thrown(() => {
      for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(4000));
    });
    db.close();
    assert.equal((full as { code: string }).code, 'SQLITE_FULL');
    for (const error of [full, thrown(() => writeFileSync('/dev/full', 'x'))]) {
      const answer = toApiError(error);
      assert.equal(answer.code, 'DISK_FULL');
      assert.match(answer.message, /^The disk is full: Tidings could not save your changes\. Free some space/);
    }
  } finally {
    dir.remove();
  }
});

test('a profile Tidings may not write to is said in words', () => {
  const dir = makeTempDir();
  try {
    const file = join(dir.path, 'ro.sqlite');
    new Database(file).exec('CREATE TABLE t (x)');
    const db = new Database(file, { readonly: true });
    const readOnly = thrown(() => db.prepare('INSERT INTO t VALUES (1)').run());
    db.close();
    assert.match((readOnly as { code: string }).code, /^SQLITE_READONLY/);
    const answer = toApiError(readOnly);
    assert.equal(answer.code, 'NOT_WRITABLE');
    assert.match(answer.message, /is read-only or belongs to another user/);
  } finally {
    dir.remove();
  }
});

test('a profile folder that cannot be made or written fails the start with a sentence, not INTERNAL', async () => {
  const dir = makeTempDir();
  try {
    // A file where the folder should be: real on any machine, root included.
    writeFileSync(join(dir.path, 'file'), 'not a folder');
    await assert.rejects(
      startCore({ dataDir: join(dir.path, 'file', 'Tidings'), version: 'test', log: () => {} }),
      (error: { code?: string; message: string }) => {
        assert.equal(error.code, 'NOT_WRITABLE');
        assert.match(error.message, /^Tidings could not open your profile: its profile folder .* can't be created/);
        return true;
      },
    );
    // A read-only folder: chmod stops everyone but root, so this part runs only as another user.
    if (process.getuid?.() !== 0) {
      const locked = join(dir.path, 'locked');
      writeFileSync(join(dir.path, 'placeholder'), '');
      chmodSync(dir.path, 0o500);
      try {
        await assert.rejects(startCore({ dataDir: locked, version: 'test', log: () => {} }), { code: 'NOT_WRITABLE' });
      } finally {
        chmodSync(dir.path, 0o700);
      }
    }
  } finally {
    dir.remove();
  }
});
