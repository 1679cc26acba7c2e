// The inspector's list in SQLite: a notification's deliveries newest first, filtered in SQL by
// outcome, sender and text, so a filter finds matches among every stored delivery, not a recent run.
// The walk goes down the delivery_notification_time index (notification_id, id DESC) from
// `beforeId`; the filters test each row on the way and the walk stops after `limit` matches.
import type { SqliteDatabase } from '../db/open-database.ts';
import { type DeliveryRow, toDelivery } from './delivery.rows.ts';
import { BODY_SEARCH_BYTES, type DeliveryRepository } from './delivery.types.ts';

const field = (name: string) => `coalesce(json_extract(normalized, '$.${name}'), '')`;

/**
 * The searched fields, one per line. SQLite's lower() folds A-Z only; the text asked for comes
 * folded the same way. A body is bytes in any charset: its first part is matched as text.
 */
const HAYSTACK = `lower(${field('firstName')} || ' ' || ${field('lastName')} || char(10) || ${field('email')}
  || char(10) || ${field('productName')} || char(10) || ${field('city')} || char(10) || ${field('state')}
  || char(10) || ${field('country')} || char(10) || ${field('sender')} || char(10) || coalesce(reason, ''))`;
const BODY_TEXT = `lower(CAST(substr(body, 1, ${BODY_SEARCH_BYTES}) AS TEXT))`;

type Params = {
  notificationId: number;
  beforeId: number;
  limit: number;
  outcome: string | null;
  sender: string | null;
  text: string | null;
  textSenders: string;
};

export function createSqliteDeliverySearch(db: SqliteDatabase): Pick<DeliveryRepository, 'listByNotification'> {
  // A filter left out is NULL and lets every row through.
  const select = db.prepare<Params, DeliveryRow>(
    `SELECT * FROM delivery
     WHERE notification_id = :notificationId AND id < :beforeId
       AND (:outcome IS NULL OR outcome = :outcome)
       AND (:sender IS NULL OR ${field('sender')} = :sender)
       AND (:text IS NULL
         OR instr(${HAYSTACK}, :text) > 0
         OR json_extract(normalized, '$.sender') IN (SELECT value FROM json_each(:textSenders))
         OR instr(${BODY_TEXT}, :text) > 0)
     ORDER BY id DESC LIMIT :limit`,
  );
  return {
    async listByNotification(notificationId, query) {
      const filter = query.filter ?? {};
      return select
        .all({
          notificationId,
          beforeId: query.beforeId ?? Number.MAX_SAFE_INTEGER,
          limit: query.limit,
          outcome: filter.outcome ?? null,
          sender: filter.sender ?? null,
          text: filter.text || null,
          textSenders: JSON.stringify(filter.textSenders ?? []),
        })
        .map(toDelivery);
    },
  };
}
