// PostgreSQL implementation of SiteRepository.
import type pg from 'pg';
import type { Clock } from '../clock.ts';
import type { SiteInput, SiteRepository } from './site.types.ts';
import { type SiteRow, toSite } from './site.rows.ts';
import { createWidgetKey } from './tokens.ts';
import { queryRow, queryRows } from '../db/postgres/pg-query.ts';

const INSERT = `INSERT INTO site (name, allowed_origins, widget_key, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $4) RETURNING *`;
const SELECT_ALL = 'SELECT * FROM site WHERE deleted_at IS NULL ORDER BY id';
const SELECT_BY_ID = 'SELECT * FROM site WHERE id = $1 AND deleted_at IS NULL';
const SELECT_BY_KEY = 'SELECT * FROM site WHERE widget_key = $1 AND deleted_at IS NULL';
// NULL means "not in the patch": one statement, so a concurrent update cannot slip between read and write.
const UPDATE = `UPDATE site SET name = coalesce($2, name), allowed_origins = coalesce($3, allowed_origins),
    updated_at = $4
  WHERE id = $1 AND deleted_at IS NULL RETURNING *`;
// One statement tombstones the site and its notifications together (their webhook URLs then answer 410).
const REMOVE = `WITH site_gone AS (
    UPDATE site SET deleted_at = $2, updated_at = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING id
  ), notifications_gone AS (
    UPDATE notification SET status = 'deleted', deleted_at = $2, updated_at = $2
    WHERE site_id IN (SELECT id FROM site_gone) AND status != 'deleted'
  )
  SELECT count(*) AS changed FROM site_gone`;

export function createPgSiteRepository(pool: pg.Pool, clock: Clock): SiteRepository {
  return {
    async create(input: SiteInput) {
      const row = await queryRow<SiteRow>(pool, INSERT, [
        input.name,
        JSON.stringify(input.allowedOrigins),
        createWidgetKey(),
        clock.now(),
      ]);
      return toSite(row as SiteRow);
    },
    async list() {
      return (await queryRows<SiteRow>(pool, SELECT_ALL)).map(toSite);
    },
    async find(id) {
      const row = await queryRow<SiteRow>(pool, SELECT_BY_ID, [id]);
      return row && toSite(row);
    },
    async findByWidgetKey(widgetKey) {
      const row = await queryRow<SiteRow>(pool, SELECT_BY_KEY, [widgetKey]);
      return row && toSite(row);
    },
    async update(id, patch) {
      const row = await queryRow<SiteRow>(pool, UPDATE, [
        id,
        patch.name ?? null,
        patch.allowedOrigins ? JSON.stringify(patch.allowedOrigins) : null,
        clock.now(),
      ]);
      return row && toSite(row);
    },
    async remove(id) {
      const row = await queryRow<{ changed: number }>(pool, REMOVE, [id, clock.now()]);
      return (row?.changed ?? 0) > 0;
    },
  };
}
