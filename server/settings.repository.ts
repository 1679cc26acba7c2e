// A tiny key-value store for facts the service keeps about itself (e.g. the demo site's id).
import type { SqliteDatabase } from './db/open-database.ts';

export interface SettingRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /**
   * Stores `value` unless the key already has one, and resolves with what is stored: with several
   * processes on one database, the first writer wins and every process reads the same value.
   */
  setIfAbsent(key: string, value: string): Promise<string>;
}

export function createSettingRepository(db: SqliteDatabase): SettingRepository {
  const select = db.prepare<{ key: string }, { value: string }>('SELECT value FROM setting WHERE key = :key');
  const upsert = db.prepare<{ key: string; value: string }>(
    'INSERT INTO setting (key, value) VALUES (:key, :value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const insertNew = db.prepare<{ key: string; value: string }>(
    'INSERT INTO setting (key, value) VALUES (:key, :value) ON CONFLICT (key) DO NOTHING',
  );
  return {
    async get(key) {
      return select.get({ key })?.value;
    },
    async set(key, value) {
      upsert.run({ key, value });
    },
    async setIfAbsent(key, value) {
      insertNew.run({ key, value });
      return select.get({ key })?.value ?? value;
    },
  };
}
