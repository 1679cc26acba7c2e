// The Storage contract for reading conversions and deliveries back: SQLite and PostgreSQL alike.
import { beforeEach, describe, expect, test } from 'vitest';
import { type Target, buildConversion, buildDelivery, createTarget } from './storage-builders.ts';
import { HOUR_MS, describeStorageContract } from './storage-contract-suite.ts';

describeStorageContract((t, storage) => {
  describe('conversion reads', () => {
    let target: Target;
    const ids: number[] = [];
    beforeEach(async () => {
      target = await createTarget(storage());
      ids.length = 0;
      for (const [index, email] of ['a@example.com', 'b@example.com', 'a@example.com', 'c@example.com'].entries()) {
        const conversion = buildConversion(t().clock.now() - (4 - index) * HOUR_MS, { email });
        const result = await storage().deliveries.record(
          buildDelivery(target, t().clock.now() + index, { conversion, dedupeKey: `event:${index}` }),
        );
        ids.push(result.conversion?.id ?? 0);
      }
    });

    test('listByNotification pages newest first by id and filters by email, trimmed and lower-cased', async () => {
      const page = (query: { limit: number; beforeId?: number; email?: string }) =>
        storage()
          .conversions.listByNotification(target.notificationId, query)
          .then((rows) => rows.map((row) => row.id));
      expect(await page({ limit: 10 })).toEqual([...ids].reverse());
      expect(await page({ limit: 2 })).toEqual([ids[3], ids[2]]);
      expect(await page({ limit: 2, beforeId: ids[2] })).toEqual([ids[1], ids[0]]);
      expect(await page({ limit: 10, email: '  A@Example.COM ' })).toEqual([ids[2], ids[0]]);
      expect(await page({ limit: 1, email: 'a@example.com', beforeId: ids[2] })).toEqual([ids[0]]);
      const other = await createTarget(storage(), 'Other');
      expect(await storage().conversions.listByNotification(other.notificationId, { limit: 10 })).toEqual([]);
    });

    test('listRecent reads several notifications newest first, since a time, after an id, up to a limit', async () => {
      const other = await createTarget(storage(), 'Other');
      const extra = await storage().deliveries.record(buildDelivery(other, t().clock.now() + 10, { dedupeKey: null }));
      const recent = (query: { notificationIds: number[]; since: number; afterId?: number; limit: number }) =>
        storage()
          .conversions.listRecent(query)
          .then((rows) => rows.map((row) => row.id));
      const both = [target.notificationId, other.notificationId];
      expect(await recent({ notificationIds: both, since: 0, limit: 10 })).toEqual([
        extra.conversion?.id,
        ...[...ids].reverse(),
      ]);
      expect(
        await recent({ notificationIds: [target.notificationId], since: t().clock.now() - 2 * HOUR_MS, limit: 10 }),
      ).toEqual([ids[3], ids[2]]);
      expect(await recent({ notificationIds: both, since: 0, afterId: ids[2], limit: 10 })).toEqual([
        extra.conversion?.id,
        ids[3],
      ]);
      expect(await recent({ notificationIds: both, since: 0, limit: 2 })).toEqual([extra.conversion?.id, ids[3]]);
      expect(await recent({ notificationIds: [], since: 0, limit: 10 })).toEqual([]);
      expect(await recent({ notificationIds: both, since: 0, limit: 0 })).toEqual([]);
    });

    test('countSince counts by receive time, from `since` inclusive', async () => {
      expect(await storage().conversions.countSince(target.notificationId, t().clock.now())).toBe(4);
      expect(await storage().conversions.countSince(target.notificationId, t().clock.now() + 2)).toBe(2);
      expect(await storage().conversions.countSince(target.notificationId, t().clock.now() + 4)).toBe(0);
    });
  });

  describe('delivery reads', () => {
    let target: Target;
    beforeEach(async () => {
      target = await createTarget(storage());
    });

    test('listByNotification pages newest first by id', async () => {
      const ids: number[] = [];
      for (let index = 0; index < 3; index++) {
        ids.push(
          (await storage().deliveries.record(buildDelivery(target, t().clock.now(), { dedupeKey: null }))).deliveryId,
        );
      }
      const page = (beforeId?: number) =>
        storage()
          .deliveries.listByNotification(target.notificationId, { limit: 2, beforeId })
          .then((rows) => rows.map((row) => row.id));
      expect(await page()).toEqual([ids[2], ids[1]]);
      expect(await page(ids[1])).toEqual([ids[0]]);
    });

    test('countSince and dailyCounts count every outcome, by UTC day', async () => {
      const lateOnDayOne = Date.UTC(2026, 10, 23, 23, 59, 59, 999);
      const record = (at: number, overrides: Parameters<typeof buildDelivery>[2]) =>
        storage().deliveries.record(buildDelivery(target, at, overrides));
      await record(lateOnDayOne, {});
      await record(lateOnDayOne, {});
      await record(lateOnDayOne, { outcome: 'unparsed', conversion: null });
      await record(lateOnDayOne + 1, { outcome: 'unverified', conversion: null });
      await record(lateOnDayOne + 1, { outcome: 'ignored', conversion: null });
      await record(lateOnDayOne + 2, { outcome: 'rejected', status: 413, conversion: null });
      const zero = { accepted: 0, duplicate: 0, ignored: 0, unparsed: 0, rejected: 0, unverified: 0 };
      expect(await storage().deliveries.countSince(target.notificationId, 0)).toEqual({
        ...zero,
        deliveries: 6,
        accepted: 1,
        duplicate: 1,
        ignored: 1,
        unparsed: 1,
        rejected: 1,
        unverified: 1,
      });
      expect(await storage().deliveries.countSince(target.notificationId, lateOnDayOne + 2)).toEqual({
        ...zero,
        deliveries: 1,
        rejected: 1,
      });
      expect(await storage().deliveries.dailyCounts(target.notificationId, 0)).toEqual([
        { ...zero, day: '2026-11-23', deliveries: 3, accepted: 1, duplicate: 1, unparsed: 1 },
        { ...zero, day: '2026-11-24', deliveries: 3, unverified: 1, ignored: 1, rejected: 1 },
      ]);
      expect(await storage().deliveries.dailyCounts(target.notificationId, lateOnDayOne + 1)).toEqual([
        { ...zero, day: '2026-11-24', deliveries: 3, unverified: 1, ignored: 1, rejected: 1 },
      ]);
      expect(await storage().deliveries.countSince(target.notificationId + 100, 0)).toEqual({
        ...zero,
        deliveries: 0,
      });
    });
  });
});
