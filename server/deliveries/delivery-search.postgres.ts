// The inspector's list in PostgreSQL, the twin of deliveries/delivery-search.ts: a notification's
// deliveries newest first, filtered in SQL, walked down the delivery_notification_time index
// (notification_id, id DESC) from `beforeId` until `limit` rows match.
import type pg from 'pg';
import { type DeliveryRow, toDelivery } from './delivery.rows.ts';
import { BODY_SEARCH_BYTES, type DeliveryRepository } from './delivery.types.ts';
import { bytesAsLowerText, textAsBodyText } from './bytes-as-text.postgres.ts';
import { queryRows } from '../db/postgres/pg-query.ts';

const field = (name: string) => `coalesce(normalized::json ->> '${name}', '')`;

// lower() under the "C" collation folds A-Z only, as SQLite's lower() does.
const HAYSTACK = `lower((${field('firstName')} || ' ' || ${field('lastName')} || E'\\n' || ${field('email')}
  || E'\\n' || ${field('productName')} || E'\\n' || ${field('city')} || E'\\n' || ${field('state')}
  || E'\\n' || ${field('country')} || E'\\n' || ${field('sender')} || E'\\n' || coalesce(reason, ''))
  COLLATE "C")`;
const BODY_TEXT = bytesAsLowerText(`substring(body from 1 for ${BODY_SEARCH_BYTES})`);

// A filter left out is NULL and lets every row through.
const SELECT_PAGE = `SELECT * FROM delivery
  WHERE notification_id = $1 AND id < $2
    AND ($3::text IS NULL OR outcome = $3::text)
    AND ($4::text IS NULL OR ${field('sender')} = $4::text)
    AND ($5::text IS NULL
      OR strpos(${HAYSTACK}, $5::text) > 0
      OR normalized::json ->> 'sender' = ANY($6::text[])
      OR strpos(${BODY_TEXT}, ${textAsBodyText('$5::text')}) > 0)
  ORDER BY id DESC LIMIT $7`;

export function createPgDeliverySearch(pool: pg.Pool): Pick<DeliveryRepository, 'listByNotification'> {
  return {
    async listByNotification(notificationId, query) {
      const filter = query.filter ?? {};
      const rows = await queryRows<DeliveryRow>(pool, SELECT_PAGE, [
        notificationId,
        query.beforeId ?? Number.MAX_SAFE_INTEGER,
        filter.outcome ?? null,
        filter.sender ?? null,
        filter.text || null,
        filter.textSenders ?? [],
        query.limit,
      ]);
      return rows.map(toDelivery);
    },
  };
}
