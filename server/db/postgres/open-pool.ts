// Opens the PostgreSQL connection pool with the timeouts and type parsing Proofhook relies on.
import pg from 'pg';

/** Senders give a webhook 5 s: connecting and one statement must both fail well inside that, so we answer 503. */
export const CONNECTION_TIMEOUT_MS = 2000;
export const STATEMENT_TIMEOUT_MS = 2000;
/** Client-side backstop, this much after the server's own timeout, for a server that vanished without closing the socket. */
export const QUERY_TIMEOUT_MARGIN_MS = 1000;
export const QUERY_TIMEOUT_MS = STATEMENT_TIMEOUT_MS + QUERY_TIMEOUT_MARGIN_MS;
/** A process that hangs inside a transaction must not hold dedupe-key row locks for long. */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 10_000;
export const DEFAULT_POOL_MAX = 10;
const IDLE_CLIENT_MS = 30_000;

export interface PoolOptions {
  /** Connections per process; every process counts against the server's max_connections. */
  max?: number;
  /** Told about errors on idle connections (a server restart, a dropped network); the pool replaces them. */
  onIdleError?: (error: Error) => void;
}

// node-postgres returns BIGINT as a string because it can exceed 2^53; our ids, counts and epoch-ms
// times never do, so they become numbers, and one that did would fail loudly rather than round.
// https://node-postgres.com/features/types
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} is beyond JavaScript's safe integers`);
  return value;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * `url` is a libpq-style URL; its query parameters win over these defaults, so an operator can pick a
 * schema with `?options=-c%20search_path%3Dproofhook` or another statement_timeout.
 */
export function openPostgresPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? DEFAULT_POOL_MAX,
    idleTimeoutMillis: IDLE_CLIENT_MS,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    application_name: 'proofhook',
    keepAlive: true,
    types,
  });
  // Without a listener, an error on an idle client (the server restarted) is an unhandled 'error'
  // event and ends the process; the pool has already discarded the client.
  // https://node-postgres.com/apis/pool#error
  const onIdleError =
    options.onIdleError ??
    ((error: Error) => process.stderr.write(`proofhook: idle PostgreSQL connection failed: ${error.message}\n`));
  pool.on('error', (error) => onIdleError(error));
  return pool;
}
