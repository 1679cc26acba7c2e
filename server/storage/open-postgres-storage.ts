// PostgreSQL storage for DATABASE_URL: the pool, migrations under their lock, and the admin session
// store shared through PostgreSQL (and the Redis bus when there is one).
import type { Logger } from 'pino';
import { createSharedSessionStore } from '../auth/shared-session-store.ts';
import type { Clock } from '../clock.ts';
import { createPgAdminSessionRepository } from '../auth/admin-session.postgres.ts';
import { migratePostgres } from '../db/postgres/migrate-postgres.ts';
import { openPostgresPool } from '../db/postgres/open-pool.ts';
import { createPostgresStorage } from './postgres-storage.ts';
import type { ClusterBus } from '../cluster/cluster-bus.ts';
import type { OpenedStorage } from './storage.ts';

export async function openPostgresStorage(
  databaseUrl: string,
  deps: { clock: Clock; logger: Logger; bus?: ClusterBus },
): Promise<OpenedStorage> {
  const pool = openPostgresPool(databaseUrl, {
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
