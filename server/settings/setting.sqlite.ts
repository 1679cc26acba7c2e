// The settings table in SQLite.
import type { SqliteDatabase } from '../db/open-database.ts';
import type { SettingRepository } from './setting.types.ts';

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
