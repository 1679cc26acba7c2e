// PostgreSQL implementation of NotificationRepository.
import type pg from 'pg';
import type { Clock } from '../clock.ts';
import type { NotificationInput, NotificationRepository } from './notification.types.ts';
import { type NotificationRow, fieldMapColumn, toNotification } from './notification.rows.ts';
import { createIngestToken } from './tokens.ts';
import { execute, queryRow, queryRows } from '../db/postgres/pg-query.ts';
import { withTransaction } from '../db/postgres/pg-transaction.ts';

const INSERT = `INSERT INTO notification (site_id, kind, name, message_template, ingest_token, display,
    created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *`;
const SELECT_BY_SITE = `SELECT * FROM notification WHERE site_id = $1 AND status != 'deleted' ORDER BY id`;
const SELECT_BY_ID = `SELECT * FROM notification WHERE id = $1 AND status != 'deleted'`;
// The display patch is merged in JavaScript, so the row stays locked from the read to the write. NO KEY
// UPDATE, like the UPDATE itself: webhook inserts checking their foreign key (KEY SHARE) need not wait.
const SELECT_FOR_UPDATE = `SELECT * FROM notification WHERE id = $1 AND status != 'deleted' FOR NO KEY UPDATE`;
const SELECT_BY_TOKEN = 'SELECT * FROM notification WHERE ingest_token = $1';
const UPDATE = `UPDATE notification SET name = $2, message_template = $3, status = $4, display = $5,
    verification = $6, on_verification_failure = $7, updated_at = $8, field_map = $9
  WHERE id = $1 RETURNING *`;
const UPDATE_TOKEN = `UPDATE notification SET ingest_token = $2, updated_at = $3
  WHERE id = $1 AND status != 'deleted' RETURNING *`;
const TOMBSTONE = `UPDATE notification SET status = 'deleted', deleted_at = $2, updated_at = $2
  WHERE id = $1 AND status != 'deleted'`;

export function createPgNotificationRepository(pool: pg.Pool, clock: Clock): NotificationRepository {
  return {
    async create(input: NotificationInput) {
      const row = await queryRow<NotificationRow>(pool, INSERT, [
        input.siteId,
        input.kind,
        input.name,
        input.messageTemplate,
        createIngestToken(),
        JSON.stringify(input.display),
        clock.now(),
      ]);
      return toNotification(row as NotificationRow);
    },
    async listBySite(siteId) {
      return (await queryRows<NotificationRow>(pool, SELECT_BY_SITE, [siteId])).map(toNotification);
    },
    async find(id) {
      const row = await queryRow<NotificationRow>(pool, SELECT_BY_ID, [id]);
      return row && toNotification(row);
    },
    async findByIngestToken(token) {
      const row = await queryRow<NotificationRow>(pool, SELECT_BY_TOKEN, [token]);
      return row && toNotification(row);
    },
    async update(id, patch) {
      return withTransaction(pool, async (client) => {
        const current = await queryRow<NotificationRow>(client, SELECT_FOR_UPDATE, [id]);
        if (!current) return undefined;
        const display = patch.display
          ? { ...JSON.parse(current.display), ...patch.display }
          : JSON.parse(current.display);
        const row = await queryRow<NotificationRow>(client, UPDATE, [
          id,
          patch.name ?? current.name,
          patch.messageTemplate ?? current.message_template,
          patch.status ?? current.status,
          JSON.stringify(display),
          patch.verification === undefined
            ? current.verification
            : patch.verification && JSON.stringify(patch.verification),
          patch.onVerificationFailure ?? current.on_verification_failure,
          clock.now(),
          fieldMapColumn(current.field_map, patch.fieldMap),
        ]);
        return row && toNotification(row);
      });
    },
    async rotateToken(id) {
      const row = await queryRow<NotificationRow>(pool, UPDATE_TOKEN, [id, createIngestToken(), clock.now()]);
      return row && toNotification(row);
    },
    async remove(id) {
      return (await execute(pool, TOMBSTONE, [id, clock.now()])) > 0;
    },
  };
}
