// Opens the configured storage: the embedded SQLite file by default, PostgreSQL when DATABASE_URL is
// set, each migrated, with the admin session store that goes with it and a way to close it all.
import path from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { closeDatabase, openDatabase } from '../db/open-database.ts';
import { createSqliteStorage } from './sqlite-storage.ts';
import type { OpenedStorage } from './storage.ts';
import type { ClusterBus } from '../cluster/cluster-bus.ts';

export async function openStorage(
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
  deps: { clock: Clock; logger: Logger; bus?: ClusterBus; onCommitBatch?: (size: number) => void },
): Promise<OpenedStorage> {
  if (!config.databaseUrl) {
    const db = openDatabase(path.join(config.dataDir, 'proofhook.db'));
    migrate(db);
    return {
      storage: createSqliteStorage(db, deps.clock, { onBatch: deps.onCommitBatch }),
      kind: 'sqlite',
      close: () => closeDatabase(db),
    };
  }
  // Loaded only when configured: pg and its repositories are start-up time a SQLite install never needs.
  const { openPostgresStorage } = await import('./open-postgres-storage.ts');
  return openPostgresStorage(config.databaseUrl, deps);
}
