// A tiny key-value store for facts the service keeps about itself (e.g. the demo site's id).
import type { SqliteDatabase } from './db/open-database.ts';

export interface SettingRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export function createSettingRepository(db: SqliteDatabase): SettingRepository {
  const select = db.prepare<{ key: string }, { value: string }>('SELECT value FROM setting WHERE key = :key');
  const upsert = db.prepare<{ key: string; value: string }>(
    'INSERT INTO setting (key, value) VALUES (:key, :value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    async get(key) {
      return select.get({ key })?.value;
    },
    async set(key, value) {
      upsert.run({ key, value });
    },
  };
}
