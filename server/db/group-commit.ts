// Group commit for SQLite: the writes that arrive in one turn of the event loop share one
// transaction, and each caller's promise settles only after that transaction has committed, so
// "durable before 200" holds while the per-commit cost (WAL frames for every touched page, the
// lock round trip) is paid once per batch instead of once per webhook.
//
// A batch first runs as one plain transaction. Only when an item throws is it rolled back whole and
// run again with each item in its own SAVEPOINT (better-sqlite3 nests transaction functions that
// way), so the failing item is refused alone and the others still commit. Savepoints on every item
// cost more than the statements they guard (each first touch of a page copies it into the statement
// journal), and items almost never fail, so the common batch pays nothing for the rare one. `work`
// must therefore have no effect outside the database: after a rollback it runs again.
import type { SqliteDatabase } from './open-database.ts';

/** Bounds one transaction, so a burst never holds the write lock (and the event loop) for long. */
export const MAX_BATCH = 256;

interface Pending<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface GroupCommitDeps {
  /** Hears the size of each batch, committed or not (the metrics); must not throw. */
  onBatch?: (size: number) => void;
}

/** Thrown out of the plain batch when an item (not BEGIN or COMMIT) failed, so the batch is re-run. */
class ItemFailed extends Error {
  constructor(readonly itemError: unknown) {
    super('an item of the batch failed');
  }
}

export function createGroupCommit<I, O>(db: SqliteDatabase, work: (input: I) => O, deps: GroupCommitDeps = {}) {
  const plain = db.transaction((inputs: I[]): Settled<O>[] =>
    inputs.map((input) => {
      try {
        return { ok: true, value: work(input) };
      } catch (error) {
        throw new ItemFailed(error);
      }
    }),
  );
  const each = db.transaction(work);
  const itemByItem = db.transaction((inputs: I[]): Settled<O>[] =>
    inputs.map((input) => {
      try {
        return { ok: true, value: each(input) };
      } catch (error) {
        // Some errors (disk full, I/O error, out of memory) make SQLite roll back the whole
        // transaction, not just the savepoint: the next item would then run in its own autocommit
        // transaction and be stored while the batch is reported failed. Abort the batch instead.
        if (!db.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );
  const run = (inputs: I[]): Settled<O>[] => {
    try {
      return plain(inputs);
    } catch (error) {
      if (!(error instanceof ItemFailed)) throw error;
      // The rollback undid the failing item's partial writes too: alone, it is simply refused.
      if (inputs.length === 1) return [{ ok: false, error: error.itemError }];
      return itemByItem(inputs);
    }
  };
  let queue: Pending<I, O>[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const taken = queue.slice(0, MAX_BATCH);
    queue = queue.slice(taken.length);
    if (queue.length > 0) schedule();
    deps.onBatch?.(taken.length);
    let results: Settled<O>[];
    try {
      results = run(taken.map((p) => p.input));
    } catch (error) {
      // BEGIN or COMMIT failed (disk full, database locked past busy_timeout): nothing was stored.
      for (const p of taken) p.reject(error);
      return;
    }
    taken.forEach((p, i) => {
      const result = results[i] as Settled<O>;
      if (result.ok) p.resolve(result.value);
      else p.reject(result.error);
    });
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // setImmediate runs after this poll phase: every request whose body ended in it joins the batch.
    setImmediate(flush);
  };

  return {
    /** Runs `work(input)` in the next group transaction; resolves after its commit. */
    submit(input: I): Promise<O> {
      return new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        schedule();
      });
    },
  };
}
