// PostgreSQL implementation of the settings key-value store.
import type pg from 'pg';
import type { SettingRepository } from './setting.types.ts';
import { execute, queryRow } from '../db/postgres/pg-query.ts';

const SELECT = 'SELECT value FROM setting WHERE key = $1';
const UPSERT = `INSERT INTO setting (key, value) VALUES ($1, $2)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
const INSERT_NEW = 'INSERT INTO setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING';

export function createPgSettingRepository(pool: pg.Pool): SettingRepository {
  return {
    async get(key) {
      return (await queryRow<{ value: string }>(pool, SELECT, [key]))?.value;
    },
    async set(key, value) {
      await execute(pool, UPSERT, [key, value]);
    },
    async setIfAbsent(key, value) {
      // Two statements, not one: a DO NOTHING insert returns no row when the key existed.
      await execute(pool, INSERT_NEW, [key, value]);
      return (await queryRow<{ value: string }>(pool, SELECT, [key]))?.value ?? value;
    },
  };
}
