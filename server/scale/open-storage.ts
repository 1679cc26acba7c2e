// Opens the configured storage: the embedded SQLite file by default, PostgreSQL when DATABASE_URL is
// set, each migrated, with the admin session store that goes with it and a way to close it all.
import path from 'node:path';
import type { Logger } from 'pino';
import { createSharedSessionStore } from '../admin/shared-session-store.ts';
import type { SessionStore } from '../admin/session-store.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open-database.ts';
import { createPgAdminSessionRepository } from '../db/postgres/admin-session.pg-repository.ts';
import { migratePostgres } from '../db/postgres/migrate-postgres.ts';
import { openPostgresPool } from '../db/postgres/open-pool.ts';
import { createPostgresStorage } from '../db/postgres/postgres-storage.ts';
import { type Storage, createSqliteStorage } from '../storage.ts';
import type { ClusterBus } from './cluster-bus.ts';

export interface OpenedStorage {
  storage: Storage;
  /** Undefined: admin sessions stay in this process's memory (SQLite, one process). */
  sessions?: SessionStore;
  /** For the log line at start, without credentials. */
  kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

export async function openStorage(
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
  deps: { clock: Clock; logger: Logger; bus?: ClusterBus },
): Promise<OpenedStorage> {
  if (!config.databaseUrl) {
    const db = openDatabase(path.join(config.dataDir, 'proofhook.db'));
    migrate(db);
    return {
      storage: createSqliteStorage(db, deps.clock),
      kind: 'sqlite',
      close: async () => {
        db.close();
      },
    };
  }
  const pool = openPostgresPool(config.databaseUrl, {
    // Logged, not thrown: the pool drops the broken client and the next query opens a new one.
    onIdleError: (error) => deps.logger.warn({ err: error }, 'postgres: an idle connection failed'),
  });
  try {
    await migratePostgres(pool);
    const sessions = await createSharedSessionStore({
      repository: createPgAdminSessionRepository(pool),
      bus: deps.bus,
      clock: deps.clock,
      logger: deps.logger,
    });
    return {
      storage: createPostgresStorage(pool, deps.clock),
      sessions,
      kind: 'postgres',
      async close() {
        sessions.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}
