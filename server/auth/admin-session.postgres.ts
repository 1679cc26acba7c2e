// Admin sessions in PostgreSQL, so every Proofhook process knows every login and a restart keeps them.
// They live in the `setting` key-value table under `admin_session:` keys (a few hundred small rows at
// most) rather than in a table of their own, because each PostgreSQL migration has a SQLite twin and
// the embedded SQLite install keeps its sessions in memory.
import type pg from 'pg';
import { execute, queryRow, queryRows } from '../db/postgres/pg-query.ts';

export interface StoredSession {
  /** SHA-256 of the cookie value: the table never holds a usable cookie. */
  key: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface AdminSessionRepository {
  /** The install's session-signing secret: `proposed` the first time, whoever wrote first afterwards. */
  claimSecret(proposed: string): Promise<string>;
  list(): Promise<StoredSession[]>;
  save(session: StoredSession): Promise<void>;
  /** Moves last_seen forward only, so an older write that lands late never shortens a session. */
  touch(key: string, lastSeenAt: number): Promise<void>;
  remove(key: string): Promise<void>;
  removeAllExcept(key: string): Promise<void>;
  removeIdleSince(lastSeenBefore: number, createdBefore: number): Promise<number>;
}

const PREFIX = 'admin_session:';
const SECRET_KEY = 'admin_session_secret';

// Two processes starting at once both propose a secret; DO NOTHING keeps the first. The loser's INSERT
// waited for the winner's commit, but its statement's snapshot predates that row: a second statement reads it.
const PROPOSE_SECRET = `INSERT INTO setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING
  RETURNING value`;
const SELECT_SECRET = 'SELECT value FROM setting WHERE key = $1';
const LIST = `SELECT substr(key, ${PREFIX.length + 1}) AS key, value FROM setting WHERE key LIKE '${PREFIX}%'`;
const UPSERT = `INSERT INTO setting (key, value) VALUES ($1, $2)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
const TOUCH = `UPDATE setting SET value = jsonb_set(value::jsonb, '{lastSeenAt}', to_jsonb($2::bigint))::text
  WHERE key = $1 AND (value::jsonb ->> 'lastSeenAt')::bigint < $2`;
const DELETE = 'DELETE FROM setting WHERE key = $1';
const DELETE_OTHERS = `DELETE FROM setting WHERE key LIKE '${PREFIX}%' AND key != $1`;
const DELETE_IDLE = `DELETE FROM setting WHERE key LIKE '${PREFIX}%'
  AND ((value::jsonb ->> 'lastSeenAt')::bigint < $1 OR (value::jsonb ->> 'createdAt')::bigint < $2)`;

type SessionValue = Omit<StoredSession, 'key'>;

export function createPgAdminSessionRepository(pool: pg.Pool): AdminSessionRepository {
  return {
    async claimSecret(proposed) {
      const inserted = await queryRow<{ value: string }>(pool, PROPOSE_SECRET, [SECRET_KEY, proposed]);
      if (inserted) return inserted.value;
      const existing = await queryRow<{ value: string }>(pool, SELECT_SECRET, [SECRET_KEY]);
      if (!existing) throw new Error('admin session secret vanished while being claimed');
      return existing.value;
    },
    async list() {
      const rows = await queryRows<{ key: string; value: string }>(pool, LIST);
      return rows.map((row) => ({ key: row.key, ...(JSON.parse(row.value) as SessionValue) }));
    },
    async save({ key, ...value }) {
      await execute(pool, UPSERT, [PREFIX + key, JSON.stringify(value)]);
    },
    async touch(key, lastSeenAt) {
      await execute(pool, TOUCH, [PREFIX + key, lastSeenAt]);
    },
    async remove(key) {
      await execute(pool, DELETE, [PREFIX + key]);
    },
    async removeAllExcept(key) {
      await execute(pool, DELETE_OTHERS, [PREFIX + key]);
    },
    removeIdleSince(lastSeenBefore, createdBefore) {
      return execute(pool, DELETE_IDLE, [lastSeenBefore, createdBefore]);
    },
  };
}
