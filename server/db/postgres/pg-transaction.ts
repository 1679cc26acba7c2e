// One transaction on one pooled client: BEGIN, the work, COMMIT; ROLLBACK and rethrow on any error.
import type pg from 'pg';
import { QUERY_TIMEOUT_MARGIN_MS } from './open-pool.ts';
import type { Queryable } from './pg-query.ts';

/** Retention and erasure scan whole tables; the webhook's statement timeout would make them fail on a big install. */
export const MAINTENANCE_STATEMENT_TIMEOUT_MS = 5 * 60 * 1000;

export interface TransactionOptions {
  /**
   * Overrides the pool's short statement timeout for this transaction only (SET LOCAL), and the
   * client-side query timeout with it: admin and retention work must not be held to the webhook's budget.
   */
  statementTimeoutMs?: number;
}

// node-postgres reads a per-query `query_timeout` that its type definitions do not declare.
type TimedQueryConfig = pg.QueryConfig & { query_timeout?: number };

/** Resolves with the work's result only once COMMIT has succeeded. */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: Queryable) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const client = await pool.connect();
  // A checked-out client has no pool listener: without this one, the connection dropping between two
  // of our queries would be an unhandled 'error' event and end the process.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  const { statementTimeoutMs } = options;
  const runner: Queryable =
    statementTimeoutMs === undefined
      ? client
      : {
          query: (text, values) =>
            client.query({
              text,
              values,
              query_timeout: statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS,
            } as TimedQueryConfig),
        };
  try {
    await client.query('BEGIN');
    if (statementTimeoutMs !== undefined) {
      await client.query("SELECT set_config('statement_timeout', $1, true)", [String(statementTimeoutMs)]);
    }
    const result = await work(runner);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken ??= rollbackError;
    });
    throw error;
  } finally {
    client.off('error', onError);
    // A broken connection is destroyed rather than handed to the next caller.
    client.release(broken);
  }
}
