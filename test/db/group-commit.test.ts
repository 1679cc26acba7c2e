import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { MAX_BATCH, createGroupCommit } from '../../server/db/group-commit.ts';
import { type SqliteDatabase, openDatabase } from '../../server/db/open-database.ts';

// A file database (not :memory:) so a second connection can tell what has really been committed.
function fileDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proofhook-group-'));
  const file = path.join(dir, 'g.db');
  const db = openDatabase(file);
  db.exec('CREATE TABLE item (name TEXT PRIMARY KEY)');
  const reader = openDatabase(file);
  const committed = () => reader.prepare('SELECT name FROM item ORDER BY name').pluck().all();
  return { db, reader, committed, dir };
}

describe('group commit', () => {
  let opened: { db: SqliteDatabase; reader: SqliteDatabase; dir: string } | undefined;
  /** A file database for this test, closed after it, with the insert every test writes through. */
  const open = () => {
    const files = fileDatabase();
    opened = files;
    return { ...files, insert: files.db.prepare('INSERT INTO item (name) VALUES (?)') };
  };
  afterEach(() => {
    opened?.db.close();
    opened?.reader.close();
    if (opened) fs.rmSync(opened.dir, { recursive: true, force: true });
  });

  test('writes submitted in one turn share one transaction, and each resolves only once it is committed', async () => {
    const { db, committed, insert } = open();
    const visibleDuringWork: string[][] = [];
    const visibleAtResolve: string[][] = [];
    const group = createGroupCommit(db, (name: string) => {
      insert.run(name);
      visibleDuringWork.push(committed() as string[]);
      return name.toUpperCase();
    });
    const results = await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        group.submit(name).then((value) => {
          visibleAtResolve.push(committed() as string[]);
          return value;
        }),
      ),
    );
    expect(results).toEqual(['A', 'B', 'C']);
    // While the third write ran, the first two were still uncommitted: the same open transaction.
    expect(visibleDuringWork).toEqual([[], [], []]);
    // And every caller hears back only after all three are visible to another connection.
    expect(visibleAtResolve).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ]);
  });

  test('one failing write is rolled back alone and rejects; the rest of its batch commits', async () => {
    const { db, committed, insert } = open();
    const group = createGroupCommit(db, (name: string) => {
      insert.run(`${name}-first-row`);
      if (name === 'bad') throw new Error('refused');
      insert.run(name);
      return name;
    });
    const outcomes = await Promise.allSettled(['ok1', 'bad', 'ok2'].map((name) => group.submit(name)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('refused');
    // The failing item's first insert was undone with it: no half-written delivery.
    expect(committed()).toEqual(['ok1', 'ok1-first-row', 'ok2', 'ok2-first-row']);
  });

  test('a write that fails alone in its turn is refused with its own error and leaves no row', async () => {
    const { db, committed, insert } = open();
    const group = createGroupCommit(db, (name: string) => {
      insert.run(`${name}-first-row`);
      return insert.run(name).changes;
    });
    insert.run('taken');
    // Its first insert is new, its second breaks the primary key: the first must not survive.
    await expect(group.submit('taken')).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(committed()).toEqual(['taken']);
    expect(await group.submit('next')).toBe(1);
    expect(committed()).toEqual(['next', 'next-first-row', 'taken']);
  });

  test('a burst larger than one batch is split, and every write still lands', async () => {
    const { db, committed, insert } = open();
    const group = createGroupCommit(db, (name: string) => insert.run(name).changes);
    const names = Array.from({ length: MAX_BATCH * 2 + 3 }, (_, i) => `n${String(i).padStart(4, '0')}`);
    let transactionsSeen = 0;
    let lastRowsVisible = -1;
    const changes = await Promise.all(
      names.map((name) =>
        group.submit(name).then((n) => {
          // Rows visible to another connection grow in steps of at most MAX_BATCH: separate commits.
          const visible = (committed() as string[]).length;
          if (visible !== lastRowsVisible) transactionsSeen += 1;
          lastRowsVisible = visible;
          return n;
        }),
      ),
    );
    expect(changes.every((n) => n === 1)).toBe(true);
    expect(transactionsSeen).toBe(3);
    expect(committed()).toEqual(names);
  });

  test('when another writer holds the lock past the busy timeout, every caller is told and nothing is stored', async () => {
    const { db, reader, committed, insert } = open();
    const group = createGroupCommit(db, (name: string) => insert.run(name).changes);
    reader.pragma('busy_timeout = 0');
    db.pragma('busy_timeout = 0');
    reader.exec('BEGIN IMMEDIATE');
    const outcomes = await Promise.allSettled(['x', 'y'].map((name) => group.submit(name)));
    reader.exec('ROLLBACK');
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(committed()).toEqual([]);
  });

  test('a full disk aborts the whole batch: no item is stored behind a failure reply', async () => {
    const { db, committed, insert } = open();
    const group = createGroupCommit(db, (name: string) => insert.run(name).changes);
    // Cap the file at its current size: the first big row fills it, and SQLITE_FULL rolls back
    // the whole transaction, not just that item's savepoint.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 1}`);
    const big = 'x'.repeat(64 * 1024);
    const outcomes = await Promise.allSettled(['a', `b${big}`, 'c'].map((name) => group.submit(name)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((outcomes[1] as PromiseRejectedResult).reason.code).toBe('SQLITE_FULL');
    expect(committed()).toEqual([]);
    // The database still works afterwards.
    db.pragma('max_page_count = 1073741823');
    expect(await group.submit('d')).toBe(1);
    expect(committed()).toEqual(['d']);
  });
});
