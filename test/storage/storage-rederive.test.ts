// The Storage contract for replays and field maps: SQLite and PostgreSQL re-derive a delivery in place
// the same way, and merge a notification's field map the same way.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DEDUPE_WINDOW_MS } from '../../server/deliveries/delivery.sqlite.ts';
import { skipWithoutPostgres } from '../support/postgres.ts';
import { type StorageBackend, type StorageUnderTest, makePostgres, makeSqlite } from './storage-backends.ts';
import { type Target, buildConversion, buildDelivery, createTarget } from './storage-builders.ts';

const postgresSkipped = skipWithoutPostgres('storage rederive, postgres half');

describe.each([
  ['sqlite', makeSqlite],
  ['postgres', makePostgres],
])('%s', (name, make) => {
  describe.skipIf(name === 'postgres' && postgresSkipped)('storage rederive and field maps', () => {
    let backend: StorageBackend | undefined;
    let t: StorageUnderTest;
    let target: Target;
    const storage = () => t.storage;

    beforeAll(async () => {
      backend = await make();
    });
    afterAll(async () => {
      await backend?.close();
    });
    beforeEach(async () => {
      t = await (backend as StorageBackend).fresh();
      target = await createTarget(storage());
    });

    test('a field map patch merges field by field, null removes a field, and a null map clears it', async () => {
      const id = target.notificationId;
      const set = await storage().notifications.update(id, { fieldMap: { total: 'amount_cents/100', city: 'c' } });
      expect(set?.fieldMap).toEqual({ total: 'amount_cents/100', city: 'c' });
      const merged = await storage().notifications.update(id, { fieldMap: { city: null, email: 'buyer.mail' } });
      expect(merged?.fieldMap).toEqual({ total: 'amount_cents/100', email: 'buyer.mail' });
      expect((await storage().notifications.update(id, { name: 'Renamed' }))?.fieldMap).toEqual(merged?.fieldMap);
      expect((await storage().notifications.update(id, { fieldMap: null }))?.fieldMap).toBeNull();
      await storage().notifications.update(id, { fieldMap: { city: 'c' } });
      expect((await storage().notifications.update(id, { fieldMap: { city: null } }))?.fieldMap).toBeNull();
    });

    test('the token lookup sees a new field map at once', async () => {
      const token = (await storage().notifications.find(target.notificationId))?.ingestToken ?? '';
      expect((await storage().notifications.findByIngestToken(token))?.fieldMap).toBeNull();
      await storage().notifications.update(target.notificationId, { fieldMap: { email: 'buyer.mail' } });
      expect((await storage().notifications.findByIngestToken(token))?.fieldMap).toEqual({ email: 'buyer.mail' });
    });

    test('re-deriving updates the conversion in place: same id, new fields, its own key no obstacle', async () => {
      const at = t.clock.now();
      const first = await storage().deliveries.record(buildDelivery(target, at));
      t.clock.advance(60_000);
      const conversion = buildConversion(at, { total: 12.5, firstName: 'Sofía' });
      const result = await storage().deliveries.rederive(
        first.deliveryId,
        buildDelivery(target, at, { conversion, normalized: conversion, fieldSources: { total: 'amount/100' } }),
      );
      expect(result?.outcome).toBe('accepted');
      expect(result?.conversion).toMatchObject({ id: first.conversion?.id, total: 12.5, firstName: 'Sofía' });
      expect(result?.conversion).toMatchObject({ deliveryId: first.deliveryId, receivedAt: at });
      expect(result?.delivery).toMatchObject({
        id: first.deliveryId,
        outcome: 'accepted',
        conversionId: first.conversion?.id,
        fieldSources: { total: 'amount/100' },
      });
      expect(await storage().conversions.find(first.conversion?.id ?? 0)).toEqual(result?.conversion);
      expect(await storage().conversions.countSince(target.notificationId, 0)).toBe(1);
      expect((await storage().deliveries.countSince(target.notificationId, 0)).deliveries).toBe(1);
      // The key still belongs to it: a sender's retry is a duplicate as before.
      expect((await storage().deliveries.record(buildDelivery(target, t.clock.now()))).outcome).toBe('duplicate');
    });

    test('a delivery that stored no conversion gets one, linked both ways', async () => {
      const at = t.clock.now();
      const ignored = await storage().deliveries.record(
        buildDelivery(target, at, { outcome: 'ignored', reason: 'no email', conversion: null }),
      );
      const result = await storage().deliveries.rederive(ignored.deliveryId, buildDelivery(target, at));
      expect(result?.outcome).toBe('accepted');
      expect(result?.conversion).toMatchObject({ deliveryId: ignored.deliveryId, email: 'jane.doe@example.com' });
      expect(result?.delivery).toMatchObject({
        outcome: 'accepted',
        reason: null,
        conversionId: result?.conversion?.id,
      });
      const again = await storage().deliveries.rederive(ignored.deliveryId, buildDelivery(target, at));
      expect(again?.conversion?.id).toBe(result?.conversion?.id);
      expect(await storage().conversions.countSince(target.notificationId, 0)).toBe(1);
    });

    test("another conversion's key within the window still makes it a duplicate; its own conversion stays", async () => {
      const at = t.clock.now();
      await storage().deliveries.record(buildDelivery(target, at, { dedupeKey: 'event:a' }));
      const second = await storage().deliveries.record(buildDelivery(target, at + 1, { dedupeKey: 'event:b' }));
      const result = await storage().deliveries.rederive(
        second.deliveryId,
        buildDelivery(target, at + 1, { dedupeKey: 'event:a' }),
      );
      expect(result?.outcome).toBe('duplicate');
      expect(result?.conversion).toBeNull();
      expect(result?.delivery).toMatchObject({
        outcome: 'duplicate',
        reason: `already received at 2026-11-23T12:00:00.000Z (event:a); the conversion made earlier (#${second.conversion?.id}) is kept`,
        conversionId: second.conversion?.id,
      });
      // Past the window the key is free again, as for a webhook.
      const late = await storage().deliveries.record(
        buildDelivery(target, at + DEDUPE_WINDOW_MS + 2, { outcome: 'ignored', conversion: null, dedupeKey: null }),
      );
      const claimed = await storage().deliveries.rederive(
        late.deliveryId,
        buildDelivery(target, at + DEDUPE_WINDOW_MS + 2, { dedupeKey: 'event:a' }),
      );
      expect(claimed?.outcome).toBe('accepted');
    });

    test('re-deriving an unknown delivery finds nothing', async () => {
      expect(await storage().deliveries.rederive(12345, buildDelivery(target, t.clock.now()))).toBeUndefined();
    });
  });
});
