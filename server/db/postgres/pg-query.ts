// Parameterized queries over a pool or a transaction's client, with the one value clean-up PostgreSQL needs.
import type pg from 'pg';

/** A pool or a client inside withTransaction: repositories run the same SQL on either. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

// PostgreSQL text cannot hold U+0000 while SQLite can, and webhook payloads (names, event ids,
// reasons) sometimes carry it. Failing the insert would answer the sender 503 on every retry, so the
// character is stored as U+FFFD instead. https://www.postgresql.org/docs/current/datatype-character.html
const toParam = (value: unknown) =>
  typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;

export async function queryRows<R extends pg.QueryResultRow>(db: Queryable, sql: string, params: unknown[] = []) {
  return (await db.query<R>(sql, params.map(toParam))).rows;
}

export async function queryRow<R extends pg.QueryResultRow>(db: Queryable, sql: string, params: unknown[] = []) {
  const rows = await queryRows<R>(db, sql, params);
  return rows[0];
}

/** Runs a write and returns how many rows it changed. */
export async function execute(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query(sql, params.map(toParam))).rowCount ?? 0;
}
