// SQLite implementation of NotificationRepository.
import type { Clock } from '../clock.ts';
import type { SqliteDatabase } from '../db/open-database.ts';
import type { NotificationCache } from './notification-cache.ts';
import { type NotificationRow, fieldMapColumn, toNotification } from './notification.rows.ts';
import type { NotificationInput, NotificationRepository } from './notification.types.ts';
import { createIngestToken } from './tokens.ts';

/** `cache` serves the webhook's token lookup; every write here clears it. */
export function createNotificationRepository(
  db: SqliteDatabase,
  clock: Clock,
  cache: NotificationCache,
): NotificationRepository {
  const insert = db.prepare<Record<string, unknown>, NotificationRow>(
    `INSERT INTO notification (site_id, kind, name, message_template, ingest_token, display, created_at, updated_at)
     VALUES (:siteId, :kind, :name, :template, :token, :display, :now, :now) RETURNING *`,
  );
  const selectBySite = db.prepare<{ siteId: number }, NotificationRow>(
    `SELECT * FROM notification WHERE site_id = :siteId AND status != 'deleted' ORDER BY id`,
  );
  const selectById = db.prepare<{ id: number }, NotificationRow>(
    `SELECT * FROM notification WHERE id = :id AND status != 'deleted'`,
  );
  const selectByToken = db.prepare<{ token: string }, NotificationRow>(
    'SELECT * FROM notification WHERE ingest_token = :token',
  );
  const updateRow = db.prepare<Record<string, unknown>, NotificationRow>(
    `UPDATE notification SET name = :name, message_template = :template, status = :status,
       display = :display, verification = :verification, on_verification_failure = :onFailure, field_map = :fieldMap,
       updated_at = :now
     WHERE id = :id AND status != 'deleted' RETURNING *`,
  );
  const updateToken = db.prepare<{ id: number; token: string; now: number }, NotificationRow>(
    `UPDATE notification SET ingest_token = :token, updated_at = :now
     WHERE id = :id AND status != 'deleted' RETURNING *`,
  );
  const tombstone = db.prepare<{ id: number; now: number }>(
    `UPDATE notification SET status = 'deleted', deleted_at = :now, updated_at = :now
     WHERE id = :id AND status != 'deleted'`,
  );

  return {
    async create(input: NotificationInput) {
      cache.clear();
      const row = insert.get({
        siteId: input.siteId,
        kind: input.kind,
        name: input.name,
        template: input.messageTemplate,
        token: createIngestToken(),
        display: JSON.stringify(input.display),
        now: clock.now(),
      });
      return toNotification(row as NotificationRow);
    },
    async listBySite(siteId) {
      return selectBySite.all({ siteId }).map(toNotification);
    },
    async find(id) {
      const row = selectById.get({ id });
      return row && toNotification(row);
    },
    async findByIngestToken(token) {
      const cached = cache.get(token);
      if (cached) return cached;
      const row = selectByToken.get({ token });
      if (!row) return undefined;
      const notification = toNotification(row);
      cache.set(notification);
      return notification;
    },
    async update(id, patch) {
      cache.clear();
      const current = selectById.get({ id });
      if (!current) return undefined;
      const display = patch.display
        ? { ...JSON.parse(current.display), ...patch.display }
        : JSON.parse(current.display);
      const row = updateRow.get({
        id,
        name: patch.name ?? current.name,
        template: patch.messageTemplate ?? current.message_template,
        status: patch.status ?? current.status,
        display: JSON.stringify(display),
        verification:
          patch.verification === undefined
            ? current.verification
            : patch.verification && JSON.stringify(patch.verification),
        onFailure: patch.onVerificationFailure ?? current.on_verification_failure,
        fieldMap: fieldMapColumn(current.field_map, patch.fieldMap),
        now: clock.now(),
      });
      return row && toNotification(row);
    },
    async rotateToken(id) {
      cache.clear();
      const row = updateToken.get({ id, token: createIngestToken(), now: clock.now() });
      return row && toNotification(row);
    },
    async remove(id) {
      cache.clear();
      return tombstone.run({ id, now: clock.now() }).changes > 0;
    },
  };
}
