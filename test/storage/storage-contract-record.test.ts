// The Storage contract for recording deliveries (dedupe, outcomes, concurrent writers): SQLite and PostgreSQL alike.
import { beforeEach, describe, expect, test } from 'vitest';
import { DEDUPE_WINDOW_MS } from '../../server/deliveries/delivery.sqlite.ts';
import { type Target, buildConversion, buildDelivery, createTarget } from './storage-builders.ts';
import { HOUR_MS, describeStorageContract } from './storage-contract-suite.ts';

describeStorageContract((t, storage) => {
  describe('deliveries.record', () => {
    let target: Target;
    beforeEach(async () => {
      target = await createTarget(storage());
    });

    test('an accepted delivery stores its conversion, linked both ways', async () => {
      const at = t().clock.now();
      const input = buildDelivery(target, at, { replayOf: 7 });
      const result = await storage().deliveries.record(input);
      expect(result.outcome).toBe('accepted');
      // Every field of the conversion as it came in, plus what storing it adds.
      expect(result.conversion).toEqual({
        ...buildConversion(at),
        id: expect.any(Number),
        notificationId: target.notificationId,
        siteId: target.siteId,
        deliveryId: result.deliveryId,
        receivedAt: at,
        dedupeKey: 'header:webhook-id=evt_1',
      });
      expect(await storage().conversions.find(result.conversion?.id ?? 0)).toEqual(result.conversion);
      // The delivery as it came in (its site and conversion are kept apart), with its id and its conversion's.
      const { siteId: _site, conversion: _conversion, ...delivered } = input;
      expect(await storage().deliveries.find(result.deliveryId)).toEqual({
        ...delivered,
        id: result.deliveryId,
        conversionId: result.conversion?.id,
      });
    });

    test('a conversion with no optional fields reads back without them', async () => {
      const bare = { nameDerived: true, products: [], moreProducts: 2, timestamp: t().clock.now() - HOUR_MS };
      const result = await storage().deliveries.record(
        buildDelivery(target, t().clock.now(), { conversion: bare, dedupeKey: null, body: null, bodyTruncated: true }),
      );
      expect(result.conversion).toEqual({
        id: expect.any(Number),
        notificationId: target.notificationId,
        siteId: target.siteId,
        deliveryId: result.deliveryId,
        receivedAt: t().clock.now(),
        timestamp: t().clock.now() - HOUR_MS,
        dedupeKey: null,
        nameDerived: true,
        products: [],
        moreProducts: 2,
      });
      expect(await storage().deliveries.find(result.deliveryId)).toMatchObject({ body: null, bodyTruncated: true });
    });

    test('a key seen within 72 h makes a duplicate, with when it was first seen, and stores no conversion', async () => {
      const first = await storage().deliveries.record(buildDelivery(target, t().clock.now()));
      t().clock.advance(DEDUPE_WINDOW_MS - 1);
      const again = await storage().deliveries.record(buildDelivery(target, t().clock.now()));
      expect(again).toEqual({
        deliveryId: expect.any(Number),
        outcome: 'duplicate',
        conversion: null,
        storedBytes: expect.any(Number),
      });
      expect(again.deliveryId).toBeGreaterThan(first.deliveryId);
      expect(await storage().deliveries.find(again.deliveryId)).toMatchObject({
        outcome: 'duplicate',
        reason: 'already received at 2026-11-23T12:00:00.000Z (header:webhook-id=evt_1)',
        conversionId: null,
      });
      expect(await storage().conversions.countSince(target.notificationId, 0)).toBe(1);
    });

    test('a key first seen 72 h ago or more is accepted again, and the window restarts', async () => {
      await storage().deliveries.record(buildDelivery(target, t().clock.now()));
      t().clock.advance(DEDUPE_WINDOW_MS);
      const reused = await storage().deliveries.record(buildDelivery(target, t().clock.now()));
      expect(reused.outcome).toBe('accepted');
      t().clock.advance(1);
      const again = await storage().deliveries.record(buildDelivery(target, t().clock.now()));
      expect(again.outcome).toBe('duplicate');
      expect((await storage().deliveries.find(again.deliveryId))?.reason).toBe(
        'already received at 2026-11-26T12:00:00.000Z (header:webhook-id=evt_1)',
      );
      expect(await storage().conversions.countSince(target.notificationId, 0)).toBe(2);
    });

    test('a delivery without a conversion is stored as given and does not claim its key', async () => {
      const ignored = await storage().deliveries.record(
        buildDelivery(target, t().clock.now(), { outcome: 'ignored', reason: 'a refund', conversion: null }),
      );
      expect(ignored).toEqual({
        deliveryId: expect.any(Number),
        outcome: 'ignored',
        conversion: null,
        storedBytes: expect.any(Number),
      });
      expect(await storage().deliveries.find(ignored.deliveryId)).toMatchObject({
        outcome: 'ignored',
        reason: 'a refund',
        conversionId: null,
      });
      const accepted = await storage().deliveries.record(buildDelivery(target, t().clock.now()));
      expect(accepted.outcome).toBe('accepted');
    });

    test('conversions without a dedupe key are all stored, and keys are per notification', async () => {
      const other = await createTarget(storage(), 'Other shop');
      const outcomes = [
        await storage().deliveries.record(buildDelivery(target, t().clock.now(), { dedupeKey: null })),
        await storage().deliveries.record(buildDelivery(target, t().clock.now(), { dedupeKey: null })),
        await storage().deliveries.record(buildDelivery(target, t().clock.now())),
        await storage().deliveries.record(buildDelivery(other, t().clock.now())),
      ].map((result) => result.outcome);
      expect(outcomes).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    });

    test('concurrent records of one key from two instances store exactly one conversion', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          (index % 2 === 0 ? t().storage : t().other).deliveries.record(buildDelivery(target, t().clock.now())),
        ),
      );
      const outcomes = results.map((result) => result.outcome).sort();
      expect(outcomes).toEqual(['accepted', ...Array(7).fill('duplicate')]);
      expect(results.filter((result) => result.conversion !== null)).toHaveLength(1);
      expect(await storage().conversions.countSince(target.notificationId, 0)).toBe(1);
      expect((await storage().deliveries.countSince(target.notificationId, 0)).deliveries).toBe(8);
    });

    test('a record that fails part-way leaves nothing behind, not even its dedupe key', async () => {
      const broken = buildDelivery(target, t().clock.now(), { siteId: target.siteId + 1000 });
      await expect(storage().deliveries.record(broken)).rejects.toThrow();
      expect(await storage().deliveries.listByNotification(target.notificationId, { limit: 10 })).toEqual([]);
      expect((await storage().deliveries.record(buildDelivery(target, t().clock.now()))).outcome).toBe('accepted');
    });

    test('a committed record is visible to another instance at once', async () => {
      const result = await t().other.deliveries.record(buildDelivery(target, t().clock.now()));
      expect(await storage().deliveries.find(result.deliveryId)).toMatchObject({ outcome: 'accepted' });
      expect(await storage().conversions.find(result.conversion?.id ?? 0)).toMatchObject({
        email: 'jane.doe@example.com',
      });
    });

    test('text with NUL characters from a payload is stored rather than refused', async () => {
      const conversion = buildConversion(t().clock.now(), { firstName: 'Bob\u0000', event: '\u0000' });
      const result = await storage().deliveries.record(
        buildDelivery(target, t().clock.now(), { conversion, dedupeKey: 'event:a\u0000b', reason: 'odd\u0000' }),
      );
      expect(result.outcome).toBe('accepted');
      expect(result.conversion?.firstName).toMatch(/^Bob.$/);
      expect(
        (
          await storage().deliveries.record(
            buildDelivery(target, t().clock.now(), { conversion, dedupeKey: 'event:a\u0000b' }),
          )
        ).outcome,
      ).toBe('duplicate');
    });
  });
});
