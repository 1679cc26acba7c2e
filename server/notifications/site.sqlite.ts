// SQLite implementation of SiteRepository: statements prepared once, plain functions returned.
import type { SqliteDatabase } from '../db/open-database.ts';
import type { Clock } from '../clock.ts';
import type { NotificationCache } from './notification-cache.ts';
import type { SiteInput, SiteRepository } from './site.types.ts';
import { type SiteRow, toSite } from './site.rows.ts';
import { createWidgetKey } from './tokens.ts';

/** Removing a site tombstones its notifications, so it clears the webhook's `notifications` cache. */
export function createSiteRepository(
  db: SqliteDatabase,
  clock: Clock,
  notifications: NotificationCache,
): SiteRepository {
  const insert = db.prepare<{ name: string; origins: string; key: string; now: number }, SiteRow>(
    `INSERT INTO site (name, allowed_origins, widget_key, created_at, updated_at)
     VALUES (:name, :origins, :key, :now, :now) RETURNING *`,
  );
  const selectAll = db.prepare<[], SiteRow>('SELECT * FROM site WHERE deleted_at IS NULL ORDER BY id');
  const selectById = db.prepare<{ id: number }, SiteRow>('SELECT * FROM site WHERE id = :id AND deleted_at IS NULL');
  const selectByKey = db.prepare<{ key: string }, SiteRow>(
    'SELECT * FROM site WHERE widget_key = :key AND deleted_at IS NULL',
  );
  const updateRow = db.prepare<{ id: number; name: string; origins: string; now: number }, SiteRow>(
    `UPDATE site SET name = :name, allowed_origins = :origins, updated_at = :now
     WHERE id = :id AND deleted_at IS NULL RETURNING *`,
  );
  const tombstoneSite = db.prepare<{ id: number; now: number }>(
    'UPDATE site SET deleted_at = :now, updated_at = :now WHERE id = :id AND deleted_at IS NULL',
  );
  const tombstoneNotifications = db.prepare<{ id: number; now: number }>(
    `UPDATE notification SET status = 'deleted', deleted_at = :now, updated_at = :now
     WHERE site_id = :id AND status != 'deleted'`,
  );
  const removeTx = db.transaction((id: number, now: number) => {
    const changed = tombstoneSite.run({ id, now }).changes > 0;
    if (changed) tombstoneNotifications.run({ id, now });
    return changed;
  });

  return {
    async create(input: SiteInput) {
      const row = insert.get({
        name: input.name,
        origins: JSON.stringify(input.allowedOrigins),
        key: createWidgetKey(),
        now: clock.now(),
      });
      return toSite(row as SiteRow);
    },
    async list() {
      return selectAll.all().map(toSite);
    },
    async find(id) {
      const row = selectById.get({ id });
      return row && toSite(row);
    },
    async findByWidgetKey(widgetKey) {
      const row = selectByKey.get({ key: widgetKey });
      return row && toSite(row);
    },
    async update(id, patch) {
      const current = selectById.get({ id });
      if (!current) return undefined;
      const row = updateRow.get({
        id,
        name: patch.name ?? current.name,
        origins: patch.allowedOrigins ? JSON.stringify(patch.allowedOrigins) : current.allowed_origins,
        now: clock.now(),
      });
      return row && toSite(row);
    },
    async remove(id) {
      notifications.clear();
      return removeTx(id, clock.now());
    },
  };
}
