// SQLite deliveries: the ingest transaction (dedupe + conversion + delivery), group-committed, and inspector reads.
import type { SqliteDatabase } from '../db/open-database.ts';
import { type ConversionRow, toConversion } from '../conversions/conversion.rows.ts';
import { type GroupCommitDeps, createGroupCommit } from '../db/group-commit.ts';
import type { NormalizedConversion } from '../normalize/types.ts';
import { createSqliteDeliveryLogSize } from './delivery-log-size.ts';
import { createSqliteDeliverySearch } from './delivery-search.ts';
import { percentEncodedEmail } from './email-spellings.ts';
import { type DeliveryRow, deliveryTextColumns, toDelivery } from './delivery.rows.ts';
import type {
  DailyDeliveryCounts,
  DeliveryCounts,
  DeliveryRecord,
  DeliveryRepository,
  RecordReceipt,
  RecordResult,
  RederiveResult,
} from './delivery.types.ts';

/** Seen keys younger than this make a delivery a duplicate. */
export const DEDUPE_WINDOW_MS = 72 * 60 * 60 * 1000;

/**
 * The conversion row as inserted: every column but the id. The returned conversion is built from it
 * and the new row id, which is what `RETURNING *` would read back, without reading it back.
 * Exported for the benchmark's rung without the write (bench/proofhook-without-writes.ts).
 */
export function conversionRow(
  input: DeliveryRecord,
  c: NormalizedConversion,
  deliveryId: number,
): Omit<ConversionRow, 'id'> {
  return {
    notification_id: input.notificationId,
    site_id: input.siteId,
    delivery_id: deliveryId,
    received_at: input.receivedAt,
    occurred_at: c.timestamp,
    dedupe_key: input.dedupeKey,
    email: c.email ?? null,
    first_name: c.firstName ?? null,
    last_name: c.lastName ?? null,
    name_derived: c.nameDerived ? 1 : 0,
    ip: c.ip ?? null,
    city: c.city ?? null,
    state: c.state ?? null,
    state_code: c.stateCode ?? null,
    country: c.country ?? null,
    country_code: c.countryCode ?? null,
    product_name: c.productName ?? null,
    product_link: c.productLink ?? null,
    product_image: c.productImage ?? null,
    total: c.total ?? null,
    currency: c.currency ?? null,
    products: JSON.stringify(c.products),
    more_products: c.moreProducts,
    guid: c.guid ?? null,
    event: c.event ?? null,
  };
}

/** Why a delivery is a duplicate: when its key was first seen, and the key. */
export function duplicateReason(firstSeenAt: number, key: string): string {
  return `already received at ${new Date(firstSeenAt).toISOString()} (${key.slice(0, 120)})`;
}

/** A replay that stores no conversion leaves the one made earlier in place, and says so. */
export function keptConversionReason(reason: string | null, conversionId: number): string {
  return [reason, `the conversion made earlier (#${conversionId}) is kept`].filter(Boolean).join('; ');
}

export function createDeliveryRepository(db: SqliteDatabase, commitDeps: GroupCommitDeps = {}): DeliveryRepository {
  const selectKey = db.prepare<{ notificationId: number; key: string }, { first_seen_at: number }>(
    'SELECT first_seen_at FROM dedupe_key WHERE notification_id = :notificationId AND key = :key',
  );
  const upsertKey = db.prepare<{ notificationId: number; key: string; now: number; conversionId: number }>(
    `INSERT INTO dedupe_key (notification_id, key, first_seen_at, conversion_id)
     VALUES (:notificationId, :key, :now, :conversionId)
     ON CONFLICT (notification_id, key) DO UPDATE
       SET first_seen_at = excluded.first_seen_at, conversion_id = excluded.conversion_id`,
  );
  // The delivery's id is chosen before the conversion is written, so that each row is written once
  // with its link to the other (an UPDATE afterwards rewrote the whole delivery row, body included).
  // Inside the write transaction nobody else can take it; it is what SQLite would pick itself.
  const nextDeliveryId = db.prepare<[], number>('SELECT coalesce(max(id), 0) + 1 FROM delivery').pluck();
  const insertDelivery = db.prepare<Record<string, unknown>>(
    `INSERT INTO delivery (id, notification_id, received_at, method, content_type, headers, query, body, body_bytes,
       body_truncated, status, outcome, reason, dedupe_key, body_format, normalized, field_sources, replay_of,
       conversion_id)
     VALUES (:id, :notificationId, :receivedAt, :method, :contentType, :headers, :query, :body, :bodyBytes,
       :bodyTruncated, :status, :outcome, :reason, :dedupeKey, :bodyFormat, :normalized, :fieldSources, :replayOf,
       :conversionId)`,
  );
  const insertConversion = db.prepare<Omit<ConversionRow, 'id'>>(
    `INSERT INTO conversion (notification_id, site_id, delivery_id, received_at, occurred_at, dedupe_key, email,
       first_name, last_name, name_derived, ip, city, state, state_code, country, country_code, product_name,
       product_link, product_image, total, currency, products, more_products, guid, event)
     VALUES (:notification_id, :site_id, :delivery_id, :received_at, :occurred_at, :dedupe_key, :email,
       :first_name, :last_name, :name_derived, :ip, :city, :state, :state_code, :country, :country_code,
       :product_name, :product_link, :product_image, :total, :currency, :products, :more_products, :guid, :event)`,
  );
  const selectById = db.prepare<{ id: number }, DeliveryRow>('SELECT * FROM delivery WHERE id = :id');
  const countSince = db.prepare<{ notificationId: number; since: number }, DeliveryCounts>(
    `SELECT count(*) AS deliveries,
       coalesce(sum(outcome = 'accepted'), 0) AS accepted,
       coalesce(sum(outcome = 'duplicate'), 0) AS duplicate,
       coalesce(sum(outcome = 'ignored'), 0) AS ignored,
       coalesce(sum(outcome = 'unparsed'), 0) AS unparsed,
       coalesce(sum(outcome = 'rejected'), 0) AS rejected,
       coalesce(sum(outcome = 'unverified'), 0) AS unverified
     FROM delivery WHERE notification_id = :notificationId AND received_at >= :since AND outcome <> 'test'`,
  );

  const dailyCounts = db.prepare<{ notificationId: number; since: number }, DailyDeliveryCounts>(
    `SELECT strftime('%Y-%m-%d', received_at / 1000, 'unixepoch') AS day, count(*) AS deliveries,
       sum(outcome = 'accepted') AS accepted, sum(outcome = 'duplicate') AS duplicate,
       sum(outcome = 'ignored') AS ignored, sum(outcome = 'unparsed') AS unparsed,
       sum(outcome = 'rejected') AS rejected, sum(outcome = 'unverified') AS unverified
     FROM delivery WHERE notification_id = :notificationId AND received_at >= :since AND outcome <> 'test'
     GROUP BY day ORDER BY day`,
  );
  // Bodies are bytes in any charset and maybe compressed; the email is matched in their text form,
  // in the normalized fields and in the query, as typed or percent-encoded (email-spellings.ts).
  // Compressed bodies that mention nobody readable are caught through their normalized fields.
  const selectMentioning = db.prepare<{ email: string; encoded: string }, { id: number }>(
    `SELECT id FROM delivery
     WHERE instr(lower(CAST(body AS TEXT)), :email) > 0
        OR instr(lower(coalesce(normalized, '')), :email) > 0
        OR instr(lower(coalesce(query, '')), :email) > 0
        OR instr(lower(headers), :email) > 0
        OR instr(lower(CAST(body AS TEXT)), :encoded) > 0
        OR instr(lower(coalesce(query, '')), :encoded) > 0`,
  );
  const scrubDelivery = db.prepare<{ id: number }>(
    `UPDATE delivery SET body = NULL, headers = '{}', query = NULL, normalized = NULL, field_sources = NULL,
       reason = 'erased on request' WHERE id = :id`,
  );
  const deleteConversions = db.prepare<{ email: string }>('DELETE FROM conversion WHERE email = :email');
  const unlinkConversions = db.prepare<{ email: string }>(
    `UPDATE delivery SET conversion_id = NULL
     WHERE conversion_id IN (SELECT id FROM conversion WHERE email = :email)`,
  );
  const eraseTx = db.transaction((email: string) => {
    const mentioning = selectMentioning.all({ email, encoded: percentEncodedEmail(email) });
    for (const { id } of mentioning) scrubDelivery.run({ id });
    unlinkConversions.run({ email });
    const conversions = deleteConversions.run({ email }).changes;
    return { conversions, deliveries: mentioning.length };
  });

  const purgeBodies = db.prepare<{ before: number }>(
    `UPDATE delivery SET body = NULL, headers = '{}', query = NULL, normalized = NULL, field_sources = NULL
     WHERE received_at < :before AND (body IS NOT NULL OR headers != '{}' OR normalized IS NOT NULL)`,
  );
  const purgeKeys = db.prepare<{ before: number }>('DELETE FROM dedupe_key WHERE first_seen_at < :before');

  const recordOne = (input: DeliveryRecord): RecordReceipt => {
    let outcome: RecordResult['outcome'] = input.outcome;
    let reason = input.reason;
    if (input.conversion && input.dedupeKey) {
      const seen = selectKey.get({ notificationId: input.notificationId, key: input.dedupeKey });
      if (seen && seen.first_seen_at > input.receivedAt - DEDUPE_WINDOW_MS) {
        outcome = 'duplicate';
        reason = duplicateReason(seen.first_seen_at, input.dedupeKey);
      }
    }
    const deliveryId = nextDeliveryId.get() as number;
    let conversion: ConversionRow | null = null;
    if (outcome !== 'duplicate' && input.conversion) {
      const row = conversionRow(input, input.conversion, deliveryId);
      conversion = { id: Number(insertConversion.run(row).lastInsertRowid), ...row };
      if (input.dedupeKey) {
        upsertKey.run({
          notificationId: input.notificationId,
          key: input.dedupeKey,
          now: input.receivedAt,
          conversionId: conversion.id,
        });
      }
    }
    const text = deliveryTextColumns(input);
    insertDelivery.run({
      id: deliveryId,
      notificationId: input.notificationId,
      receivedAt: input.receivedAt,
      method: input.method,
      contentType: input.contentType,
      headers: text.headers,
      query: input.query,
      body: input.body,
      bodyBytes: input.bodyBytes,
      bodyTruncated: input.bodyTruncated ? 1 : 0,
      status: input.status,
      outcome,
      reason,
      dedupeKey: input.dedupeKey,
      bodyFormat: input.bodyFormat,
      normalized: text.normalized,
      fieldSources: text.fieldSources,
      replayOf: input.replayOf ?? null,
      conversionId: conversion?.id ?? null,
    });
    return {
      deliveryId,
      outcome,
      conversion: conversion && toConversion(conversion),
      storedBytes: text.storedBytes,
    };
  };
  const recordCommit = createGroupCommit(db, recordOne, commitDeps);

  // Replays: the delivery re-derived in place, its conversion updated in place (same id).
  const selectConversion = db.prepare<{ id: number }, { id: number }>('SELECT id FROM conversion WHERE id = :id');
  const selectKeyOwner = db.prepare<
    { notificationId: number; key: string },
    { first_seen_at: number; conversion_id: number | null }
  >('SELECT first_seen_at, conversion_id FROM dedupe_key WHERE notification_id = :notificationId AND key = :key');
  // A key this conversion already holds keeps its first sighting; one taken over starts at the arrival.
  const claimKey = db.prepare<{ notificationId: number; key: string; now: number; conversionId: number }>(
    `INSERT INTO dedupe_key (notification_id, key, first_seen_at, conversion_id)
     VALUES (:notificationId, :key, :now, :conversionId)
     ON CONFLICT (notification_id, key) DO UPDATE
       SET first_seen_at = CASE WHEN dedupe_key.conversion_id IS excluded.conversion_id
           THEN dedupe_key.first_seen_at ELSE excluded.first_seen_at END,
         conversion_id = excluded.conversion_id`,
  );
  const updateConversion = db.prepare<Omit<ConversionRow, 'id'> & { id: number }, ConversionRow>(
    `UPDATE conversion SET occurred_at = :occurred_at, dedupe_key = :dedupe_key, email = :email,
       first_name = :first_name, last_name = :last_name, name_derived = :name_derived, ip = :ip, city = :city,
       state = :state, state_code = :state_code, country = :country, country_code = :country_code,
       product_name = :product_name, product_link = :product_link, product_image = :product_image, total = :total,
       currency = :currency, products = :products, more_products = :more_products, guid = :guid, event = :event
     WHERE id = :id RETURNING *`,
  );
  const updateDelivery = db.prepare<Record<string, unknown>, DeliveryRow>(
    `UPDATE delivery SET outcome = :outcome, reason = :reason, dedupe_key = :dedupeKey, body_format = :bodyFormat,
       normalized = :normalized, field_sources = :fieldSources, conversion_id = :conversionId
     WHERE id = :id RETURNING *`,
  );
  const rederiveTx = db.transaction((id: number, input: DeliveryRecord): RederiveResult | undefined => {
    const current = selectById.get({ id });
    if (!current) return undefined;
    const own = current.conversion_id === null ? undefined : selectConversion.get({ id: current.conversion_id });
    let outcome: RederiveResult['outcome'] = input.outcome;
    let reason = input.reason;
    let conversion: ConversionRow | undefined;
    if (input.conversion && input.dedupeKey) {
      const seen = selectKeyOwner.get({ notificationId: input.notificationId, key: input.dedupeKey });
      const otherOwner = seen && seen.conversion_id !== (own?.id ?? null);
      if (seen && otherOwner && seen.first_seen_at > input.receivedAt - DEDUPE_WINDOW_MS) {
        outcome = 'duplicate';
        reason = duplicateReason(seen.first_seen_at, input.dedupeKey);
      }
    }
    if (outcome !== 'duplicate' && input.conversion) {
      const row = conversionRow(input, input.conversion, id);
      conversion = own
        ? updateConversion.get({ ...row, id: own.id })
        : { id: Number(insertConversion.run(row).lastInsertRowid), ...row };
      if (conversion && input.dedupeKey) {
        claimKey.run({
          notificationId: input.notificationId,
          key: input.dedupeKey,
          now: input.receivedAt,
          conversionId: conversion.id,
        });
      }
    } else if (own) {
      reason = keptConversionReason(reason, own.id);
    }
    const updated = updateDelivery.get({
      id,
      outcome,
      reason,
      dedupeKey: input.dedupeKey,
      bodyFormat: input.bodyFormat,
      normalized: input.normalized && JSON.stringify(input.normalized),
      fieldSources: input.fieldSources && JSON.stringify(input.fieldSources),
      conversionId: conversion?.id ?? own?.id ?? null,
    }) as DeliveryRow;
    return { delivery: toDelivery(updated), outcome, conversion: conversion ? toConversion(conversion) : null };
  });

  return {
    ...createSqliteDeliveryLogSize(db),
    ...createSqliteDeliverySearch(db),
    record(input) {
      return recordCommit.submit(input);
    },
    async find(id) {
      const row = selectById.get({ id });
      return row && toDelivery(row);
    },
    async rederive(id, input) {
      return rederiveTx(id, input);
    },
    async countSince(notificationId, since) {
      return countSince.get({ notificationId, since }) as DeliveryCounts;
    },
    async dailyCounts(notificationId, since) {
      return dailyCounts.all({ notificationId, since });
    },
    async erasePerson(email) {
      return eraseTx(email.trim().toLowerCase());
    },
    async purgeBodiesBefore(before) {
      return purgeBodies.run({ before }).changes;
    },
    async purgeDedupeKeysBefore(before) {
      return purgeKeys.run({ before }).changes;
    },
  };
}
