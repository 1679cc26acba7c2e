// The Storage contract: the embedded SQLite and PostgreSQL give the same answers to the same calls.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DEDUPE_WINDOW_MS } from '../../server/ingest/delivery.repository.ts';
import type { VerificationConfig } from '../../server/ingest/signatures/verification-config.ts';
import { skipWithoutPostgres } from '../support/postgres.ts';
import { type StorageBackend, type StorageUnderTest, makePostgres, makeSqlite } from './storage-backends.ts';
import { type Target, buildConversion, buildDelivery, createTarget } from './storage-builders.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const postgresSkipped = skipWithoutPostgres('storage contract, postgres half');

describe.each([
  ['sqlite', makeSqlite],
  ['postgres', makePostgres],
])('%s', (name, make) => {
  describe.skipIf(name === 'postgres' && postgresSkipped)('storage contract', () => {
    let backend: StorageBackend | undefined;
    let t: StorageUnderTest;
    const storage = () => t.storage;

    beforeAll(async () => {
      backend = await make();
    });
    afterAll(async () => {
      await backend?.close();
    });
    beforeEach(async () => {
      t = await (backend as StorageBackend).fresh();
    });

    describe('sites', () => {
      test('create returns the site with a widget key, and find/list/findByWidgetKey read it back', async () => {
        const site = await storage().sites.create({
          name: 'Sneaker Shop',
          allowedOrigins: ['https://shop.example.com'],
        });
        expect(site).toEqual({
          id: expect.any(Number),
          name: 'Sneaker Shop',
          allowedOrigins: ['https://shop.example.com'],
          widgetKey: expect.stringMatching(/^pk_/),
          createdAt: t.clock.now(),
          updatedAt: t.clock.now(),
          deletedAt: null,
        });
        await storage().sites.create({ name: 'Second', allowedOrigins: [] });
        expect(await storage().sites.find(site.id)).toEqual(site);
        expect(await storage().sites.findByWidgetKey(site.widgetKey)).toEqual(site);
        expect((await storage().sites.list()).map((each) => each.name)).toEqual(['Sneaker Shop', 'Second']);
        expect(await storage().sites.find(site.id + 100)).toBeUndefined();
        expect(await storage().sites.findByWidgetKey('pk_unknown')).toBeUndefined();
      });

      test('update changes only what the patch names and moves updatedAt', async () => {
        const site = await storage().sites.create({ name: 'Shop', allowedOrigins: ['https://a.example'] });
        t.clock.advance(1000);
        const renamed = await storage().sites.update(site.id, { name: 'Renamed' });
        expect(renamed).toMatchObject({
          name: 'Renamed',
          allowedOrigins: ['https://a.example'],
          updatedAt: t.clock.now(),
        });
        const cleared = await storage().sites.update(site.id, { allowedOrigins: [] });
        expect(cleared).toMatchObject({ name: 'Renamed', allowedOrigins: [], createdAt: site.createdAt });
        expect(await storage().sites.update(site.id + 100, { name: 'x' })).toBeUndefined();
      });

      test('remove tombstones the site and its notifications, whose tokens still resolve as deleted', async () => {
        const target = await createTarget(storage());
        const notification = await storage().notifications.find(target.notificationId);
        t.clock.advance(5000);
        expect(await storage().sites.remove(target.siteId)).toBe(true);
        expect(await storage().sites.remove(target.siteId)).toBe(false);
        expect(await storage().sites.find(target.siteId)).toBeUndefined();
        expect(await storage().sites.list()).toEqual([]);
        expect(await storage().sites.update(target.siteId, { name: 'x' })).toBeUndefined();
        expect(await storage().notifications.find(target.notificationId)).toBeUndefined();
        expect(await storage().notifications.findByIngestToken(notification?.ingestToken ?? '')).toMatchObject({
          id: target.notificationId,
          status: 'deleted',
          deletedAt: t.clock.now(),
        });
      });
    });

    describe('notifications', () => {
      test('create applies the defaults, and find/listBySite/findByIngestToken read it back', async () => {
        const site = await storage().sites.create({ name: 'Shop', allowedOrigins: [] });
        const created = await storage().notifications.create({
          siteId: site.id,
          kind: 'stream',
          name: 'Purchases',
          messageTemplate: '{{firstName}} bought it',
          display: { position: 'bottom-right' },
        });
        expect(created).toEqual({
          id: expect.any(Number),
          siteId: site.id,
          kind: 'stream',
          name: 'Purchases',
          messageTemplate: '{{firstName}} bought it',
          status: 'active',
          ingestToken: expect.stringMatching(/^whk_/),
          display: { position: 'bottom-right' },
          verification: null,
          onVerificationFailure: 'quarantine',
          fieldMap: null,
          createdAt: t.clock.now(),
          updatedAt: t.clock.now(),
          deletedAt: null,
        });
        expect(await storage().notifications.find(created.id)).toEqual(created);
        expect(await storage().notifications.findByIngestToken(created.ingestToken)).toEqual(created);
        expect(await storage().notifications.listBySite(site.id)).toEqual([created]);
        expect(await storage().notifications.findByIngestToken('whk_unknown')).toBeUndefined();
      });

      test('update merges the display patch and sets or clears verification', async () => {
        const target = await createTarget(storage());
        const id = target.notificationId;
        await storage().notifications.update(id, { display: { position: 'top-left' } });
        t.clock.advance(10);
        const verification: VerificationConfig = { scheme: 'shared-secret', secrets: ['s3cret'], header: 'x-token' };
        const updated = await storage().notifications.update(id, {
          name: 'Renamed',
          status: 'paused',
          display: { loop: true, include: ['/checkout'] },
          verification,
          onVerificationFailure: 'reject',
        });
        expect(updated).toMatchObject({
          name: 'Renamed',
          status: 'paused',
          display: { position: 'top-left', loop: true, include: ['/checkout'] },
          verification,
          onVerificationFailure: 'reject',
          updatedAt: t.clock.now(),
        });
        const cleared = await storage().notifications.update(id, { verification: null });
        expect(cleared).toMatchObject({ name: 'Renamed', verification: null, onVerificationFailure: 'reject' });
        expect(await storage().notifications.update(id + 100, { name: 'x' })).toBeUndefined();
      });

      test('rotateToken replaces the ingest token; the old one no longer resolves', async () => {
        const target = await createTarget(storage());
        const before = await storage().notifications.find(target.notificationId);
        const rotated = await storage().notifications.rotateToken(target.notificationId);
        expect(rotated?.ingestToken).toMatch(/^whk_/);
        expect(rotated?.ingestToken).not.toBe(before?.ingestToken);
        expect(await storage().notifications.findByIngestToken(before?.ingestToken ?? '')).toBeUndefined();
        expect(await storage().notifications.findByIngestToken(rotated?.ingestToken ?? '')).toMatchObject({
          id: target.notificationId,
        });
      });

      test('findByIngestToken sees every change at once, however often it was asked before', async () => {
        const target = await createTarget(storage());
        const lookup = (token: string) => storage().notifications.findByIngestToken(token);
        const token = (await storage().notifications.find(target.notificationId))?.ingestToken ?? '';
        expect(await lookup(token)).toMatchObject({ status: 'active', name: 'Recent purchases' });
        await storage().notifications.update(target.notificationId, { status: 'paused', name: 'Paused buys' });
        expect(await lookup(token)).toMatchObject({ status: 'paused', name: 'Paused buys' });
        const rotated = (await storage().notifications.rotateToken(target.notificationId))?.ingestToken ?? '';
        expect(await lookup(token)).toBeUndefined();
        expect(await lookup(rotated)).toMatchObject({ id: target.notificationId, status: 'paused' });
        await storage().notifications.remove(target.notificationId);
        expect(await lookup(rotated)).toMatchObject({ status: 'deleted' });

        const second = await createTarget(storage());
        const secondToken = (await storage().notifications.find(second.notificationId))?.ingestToken ?? '';
        expect(await lookup(secondToken)).toMatchObject({ status: 'active' });
        await storage().sites.remove(second.siteId);
        expect(await lookup(secondToken)).toMatchObject({ status: 'deleted' });
      });

      test('remove tombstones: hidden from find and listBySite, still found by token, not rotatable', async () => {
        const target = await createTarget(storage());
        const token = (await storage().notifications.find(target.notificationId))?.ingestToken ?? '';
        expect(await storage().notifications.remove(target.notificationId)).toBe(true);
        expect(await storage().notifications.remove(target.notificationId)).toBe(false);
        expect(await storage().notifications.find(target.notificationId)).toBeUndefined();
        expect(await storage().notifications.listBySite(target.siteId)).toEqual([]);
        expect(await storage().notifications.findByIngestToken(token)).toMatchObject({ status: 'deleted' });
        expect(await storage().notifications.rotateToken(target.notificationId)).toBeUndefined();
        expect(await storage().notifications.update(target.notificationId, { name: 'x' })).toBeUndefined();
      });
    });

    describe('deliveries.record', () => {
      let target: Target;
      beforeEach(async () => {
        target = await createTarget(storage());
      });

      test('an accepted delivery stores its conversion, linked both ways', async () => {
        const at = t.clock.now();
        const input = buildDelivery(target, at, { replayOf: 7 });
        const result = await storage().deliveries.record(input);
        expect(result.outcome).toBe('accepted');
        expect(result.conversion).toEqual({
          id: expect.any(Number),
          notificationId: target.notificationId,
          siteId: target.siteId,
          deliveryId: result.deliveryId,
          receivedAt: at,
          timestamp: at,
          dedupeKey: 'header:webhook-id=evt_1',
          email: 'jane.doe@example.com',
          firstName: 'Jane',
          lastName: 'Doe',
          nameDerived: false,
          ip: '203.0.113.7',
          city: 'Miami',
          state: 'Florida',
          stateCode: 'FL',
          country: 'United States',
          countryCode: 'US',
          productName: 'Air Max 90',
          productLink: 'https://shop.example.com/p/air-max-90',
          productImage: 'https://cdn.example.com/air-max-90.png',
          total: 129.99,
          currency: 'USD',
          products: [{ name: 'Air Max 90', price: 129.99, quantity: 1 }],
          moreProducts: 0,
          guid: 'order-1001',
          event: 'order_created',
        });
        expect(await storage().conversions.find(result.conversion?.id ?? 0)).toEqual(result.conversion);
        expect(await storage().deliveries.find(result.deliveryId)).toEqual({
          id: result.deliveryId,
          notificationId: target.notificationId,
          receivedAt: at,
          method: 'POST',
          contentType: 'application/json',
          headers: input.headers,
          query: null,
          body: input.body,
          bodyBytes: 52,
          bodyTruncated: false,
          status: 200,
          outcome: 'accepted',
          reason: null,
          dedupeKey: 'header:webhook-id=evt_1',
          bodyFormat: 'json',
          normalized: input.normalized,
          fieldSources: input.fieldSources,
          conversionId: result.conversion?.id,
          replayOf: 7,
        });
      });

      test('a conversion with no optional fields reads back without them', async () => {
        const bare = { nameDerived: true, products: [], moreProducts: 2, timestamp: t.clock.now() - HOUR_MS };
        const result = await storage().deliveries.record(
          buildDelivery(target, t.clock.now(), { conversion: bare, dedupeKey: null, body: null, bodyTruncated: true }),
        );
        expect(result.conversion).toEqual({
          id: expect.any(Number),
          notificationId: target.notificationId,
          siteId: target.siteId,
          deliveryId: result.deliveryId,
          receivedAt: t.clock.now(),
          timestamp: t.clock.now() - HOUR_MS,
          dedupeKey: null,
          nameDerived: true,
          products: [],
          moreProducts: 2,
        });
        expect(await storage().deliveries.find(result.deliveryId)).toMatchObject({ body: null, bodyTruncated: true });
      });

      test('a key seen within 72 h makes a duplicate, with when it was first seen, and stores no conversion', async () => {
        const first = await storage().deliveries.record(buildDelivery(target, t.clock.now()));
        t.clock.advance(DEDUPE_WINDOW_MS - 1);
        const again = await storage().deliveries.record(buildDelivery(target, t.clock.now()));
        expect(again).toEqual({ deliveryId: expect.any(Number), outcome: 'duplicate', conversion: null });
        expect(again.deliveryId).toBeGreaterThan(first.deliveryId);
        expect(await storage().deliveries.find(again.deliveryId)).toMatchObject({
          outcome: 'duplicate',
          reason: 'already received at 2026-11-23T12:00:00.000Z (header:webhook-id=evt_1)',
          conversionId: null,
        });
        expect(await storage().conversions.countSince(target.notificationId, 0)).toBe(1);
      });

      test('a key first seen 72 h ago or more is accepted again, and the window restarts', async () => {
        await storage().deliveries.record(buildDelivery(target, t.clock.now()));
        t.clock.advance(DEDUPE_WINDOW_MS);
        const reused = await storage().deliveries.record(buildDelivery(target, t.clock.now()));
        expect(reused.outcome).toBe('accepted');
        t.clock.advance(1);
        const again = await storage().deliveries.record(buildDelivery(target, t.clock.now()));
        expect(again.outcome).toBe('duplicate');
        expect((await storage().deliveries.find(again.deliveryId))?.reason).toBe(
          'already received at 2026-11-26T12:00:00.000Z (header:webhook-id=evt_1)',
        );
        expect(await storage().conversions.countSince(target.notificationId, 0)).toBe(2);
      });

      test('a delivery without a conversion is stored as given and does not claim its key', async () => {
        const ignored = await storage().deliveries.record(
          buildDelivery(target, t.clock.now(), { outcome: 'ignored', reason: 'a refund', conversion: null }),
        );
        expect(ignored).toEqual({ deliveryId: expect.any(Number), outcome: 'ignored', conversion: null });
        expect(await storage().deliveries.find(ignored.deliveryId)).toMatchObject({
          outcome: 'ignored',
          reason: 'a refund',
          conversionId: null,
        });
        const accepted = await storage().deliveries.record(buildDelivery(target, t.clock.now()));
        expect(accepted.outcome).toBe('accepted');
      });

      test('conversions without a dedupe key are all stored, and keys are per notification', async () => {
        const other = await createTarget(storage(), 'Other shop');
        const outcomes = [
          await storage().deliveries.record(buildDelivery(target, t.clock.now(), { dedupeKey: null })),
          await storage().deliveries.record(buildDelivery(target, t.clock.now(), { dedupeKey: null })),
          await storage().deliveries.record(buildDelivery(target, t.clock.now())),
          await storage().deliveries.record(buildDelivery(other, t.clock.now())),
        ].map((result) => result.outcome);
        expect(outcomes).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
      });

      test('concurrent records of one key from two instances store exactly one conversion', async () => {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, index) =>
            (index % 2 === 0 ? t.storage : t.other).deliveries.record(buildDelivery(target, t.clock.now())),
          ),
        );
        const outcomes = results.map((result) => result.outcome).sort();
        expect(outcomes).toEqual(['accepted', ...Array(7).fill('duplicate')]);
        expect(results.filter((result) => result.conversion !== null)).toHaveLength(1);
        expect(await storage().conversions.countSince(target.notificationId, 0)).toBe(1);
        expect((await storage().deliveries.countSince(target.notificationId, 0)).deliveries).toBe(8);
      });

      test('a record that fails part-way leaves nothing behind, not even its dedupe key', async () => {
        const broken = buildDelivery(target, t.clock.now(), { siteId: target.siteId + 1000 });
        await expect(storage().deliveries.record(broken)).rejects.toThrow();
        expect(await storage().deliveries.listByNotification(target.notificationId, { limit: 10 })).toEqual([]);
        expect((await storage().deliveries.record(buildDelivery(target, t.clock.now()))).outcome).toBe('accepted');
      });

      test('a committed record is visible to another instance at once', async () => {
        const result = await t.other.deliveries.record(buildDelivery(target, t.clock.now()));
        expect(await storage().deliveries.find(result.deliveryId)).toMatchObject({ outcome: 'accepted' });
        expect(await storage().conversions.find(result.conversion?.id ?? 0)).toMatchObject({
          email: 'jane.doe@example.com',
        });
      });

      test('text with NUL characters from a payload is stored rather than refused', async () => {
        const conversion = buildConversion(t.clock.now(), { firstName: 'Bob\u0000', event: '\u0000' });
        const result = await storage().deliveries.record(
          buildDelivery(target, t.clock.now(), { conversion, dedupeKey: 'event:a\u0000b', reason: 'odd\u0000' }),
        );
        expect(result.outcome).toBe('accepted');
        expect(result.conversion?.firstName).toMatch(/^Bob.$/);
        expect(
          (
            await storage().deliveries.record(
              buildDelivery(target, t.clock.now(), { conversion, dedupeKey: 'event:a\u0000b' }),
            )
          ).outcome,
        ).toBe('duplicate');
      });
    });

    describe('conversion reads', () => {
      let target: Target;
      const ids: number[] = [];
      beforeEach(async () => {
        target = await createTarget(storage());
        ids.length = 0;
        for (const [index, email] of ['a@example.com', 'b@example.com', 'a@example.com', 'c@example.com'].entries()) {
          const conversion = buildConversion(t.clock.now() - (4 - index) * HOUR_MS, { email });
          const result = await storage().deliveries.record(
            buildDelivery(target, t.clock.now() + index, { conversion, dedupeKey: `event:${index}` }),
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
        const extra = await storage().deliveries.record(buildDelivery(other, t.clock.now() + 10, { dedupeKey: null }));
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
          await recent({ notificationIds: [target.notificationId], since: t.clock.now() - 2 * HOUR_MS, limit: 10 }),
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
        expect(await storage().conversions.countSince(target.notificationId, t.clock.now())).toBe(4);
        expect(await storage().conversions.countSince(target.notificationId, t.clock.now() + 2)).toBe(2);
        expect(await storage().conversions.countSince(target.notificationId, t.clock.now() + 4)).toBe(0);
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
            (await storage().deliveries.record(buildDelivery(target, t.clock.now(), { dedupeKey: null }))).deliveryId,
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

    describe('erasure and retention', () => {
      let target: Target;
      beforeEach(async () => {
        target = await createTarget(storage());
      });
      const record = (overrides: Parameters<typeof buildDelivery>[2]) =>
        storage().deliveries.record(buildDelivery(target, t.clock.now(), { dedupeKey: null, ...overrides }));
      const unrelated = { email: 'someone.else@example.com' };
      const quiet = {
        headers: { 'content-type': 'application/octet-stream' },
        normalized: null,
        fieldSources: null,
        conversion: null,
        outcome: 'unparsed' as const,
      };

      test('erasePerson deletes their conversions and scrubs every delivery that mentions them, in any case', async () => {
        const email = 'Jane.Doe@Example.com';
        const inBody = await record({
          ...quiet,
          body: Buffer.concat([
            Buffer.from([0x00, 0xff, 0x5c, 0x80]),
            Buffer.from('to: JANE.DOE@EXAMPLE.COM'),
            Buffer.from([0]),
          ]),
        });
        const inUtf8Body = await record({
          ...quiet,
          body: Buffer.from('{"name":"Zoë","email":"jane.doe@example.com"}'),
        });
        const inHeaders = await record({ ...quiet, body: null, headers: { 'x-customer': 'Jane.Doe@example.com' } });
        const inQuery = await record({ ...quiet, body: null, query: 'email=JANE.doe%40x&e=jane.doe@example.com' });
        const converted = await record({ body: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x7a]) });
        const stranger = await record({
          body: Buffer.from('jane.doe@example.co'),
          conversion: buildConversion(t.clock.now(), unrelated),
          normalized: buildConversion(t.clock.now(), unrelated),
          headers: { 'x-note': 'jane.doe at example.com' },
        });

        expect(await storage().deliveries.erasePerson(` ${email} `)).toEqual({ conversions: 1, deliveries: 5 });
        for (const result of [inBody, inUtf8Body, inHeaders, inQuery, converted]) {
          expect(await storage().deliveries.find(result.deliveryId)).toMatchObject({
            body: null,
            headers: {},
            query: null,
            normalized: null,
            fieldSources: null,
            reason: 'erased on request',
            conversionId: null,
          });
        }
        expect(await storage().conversions.find(converted.conversion?.id ?? 0)).toBeUndefined();
        expect(await storage().deliveries.find(stranger.deliveryId)).toMatchObject({
          body: Buffer.from('jane.doe@example.co'),
          conversionId: stranger.conversion?.id,
        });
        expect(await storage().conversions.find(stranger.conversion?.id ?? 0)).toMatchObject(unrelated);
        expect(await storage().deliveries.erasePerson(email)).toEqual({ conversions: 0, deliveries: 0 });
      });

      test('erasePerson compares bytes: non-ASCII emails match, bytes that only print like the email do not', async () => {
        const utf8 = await record({ ...quiet, body: Buffer.from('Name: JöHN <JöHN@Exämple.com>') });
        // 0x8a escapes to "\212" in PostgreSQL's escape encoding: an alignment slip would read "12@x.io".
        const lookAlike = await record({ ...quiet, body: Buffer.concat([Buffer.from([0x8a]), Buffer.from('@x.io')]) });
        const digits = await record({ ...quiet, body: Buffer.from('ref AB12@X.IO') });
        expect(await storage().deliveries.erasePerson('jöhn@exämple.com')).toEqual({ conversions: 0, deliveries: 1 });
        expect(await storage().deliveries.erasePerson('12@x.io')).toEqual({ conversions: 0, deliveries: 1 });
        expect((await storage().deliveries.find(utf8.deliveryId))?.body).toBeNull();
        expect((await storage().deliveries.find(lookAlike.deliveryId))?.body).not.toBeNull();
        expect((await storage().deliveries.find(digits.deliveryId))?.body).toBeNull();
      });

      test('purgeBodiesBefore drops the stored request of older deliveries once, keeping the row', async () => {
        const old = await record({ query: 'a=1' });
        await record({});
        t.clock.advance(DAY_MS);
        const fresh = await record({});
        const cutoff = t.clock.now() - HOUR_MS;
        expect(await storage().deliveries.purgeBodiesBefore(cutoff)).toBe(2);
        expect(await storage().deliveries.purgeBodiesBefore(cutoff)).toBe(0);
        expect(await storage().deliveries.find(old.deliveryId)).toMatchObject({
          body: null,
          headers: {},
          query: null,
          normalized: null,
          fieldSources: null,
          outcome: 'accepted',
          conversionId: old.conversion?.id,
        });
        expect((await storage().deliveries.find(fresh.deliveryId))?.body).not.toBeNull();
      });

      test('conversions.purgeBefore deletes by occurrence time and unlinks their deliveries', async () => {
        const old = await record({ conversion: buildConversion(t.clock.now() - 10 * DAY_MS) });
        const recent = await record({ conversion: buildConversion(t.clock.now()) });
        expect(await storage().conversions.purgeBefore(t.clock.now() - DAY_MS)).toBe(1);
        expect(await storage().conversions.purgeBefore(t.clock.now() - DAY_MS)).toBe(0);
        expect(await storage().conversions.find(old.conversion?.id ?? 0)).toBeUndefined();
        expect((await storage().deliveries.find(old.deliveryId))?.conversionId).toBeNull();
        expect((await storage().deliveries.find(recent.deliveryId))?.conversionId).toBe(recent.conversion?.id);
      });

      test('purgeDedupeKeysBefore forgets older keys, so they no longer make duplicates', async () => {
        await record({ dedupeKey: 'event:old' });
        t.clock.advance(HOUR_MS);
        await record({ dedupeKey: 'event:new' });
        expect(await storage().deliveries.purgeDedupeKeysBefore(t.clock.now())).toBe(1);
        expect((await record({ dedupeKey: 'event:old' })).outcome).toBe('accepted');
        expect((await record({ dedupeKey: 'event:new' })).outcome).toBe('duplicate');
      });
    });

    describe('widget stats, settings and ping', () => {
      test('widget stats add up per UTC day', async () => {
        const target = await createTarget(storage());
        const id = target.notificationId;
        const dayOne = Date.UTC(2026, 10, 23, 23, 0);
        const dayTwo = Date.UTC(2026, 10, 24, 1, 0);
        await storage().widgetStats.record(id, 'impression', dayOne);
        await storage().widgetStats.record(id, 'impression', dayOne);
        await storage().widgetStats.record(id, 'click', dayOne);
        await storage().widgetStats.record(id, 'impression', dayTwo);
        await storage().widgetStats.record(id, 'dismiss', dayTwo);
        expect(await storage().widgetStats.sumSince(id, '2026-11-01')).toEqual({
          impressions: 3,
          clicks: 1,
          dismisses: 1,
        });
        expect(await storage().widgetStats.sumSince(id, '2026-11-24')).toEqual({
          impressions: 1,
          clicks: 0,
          dismisses: 1,
        });
        expect(await storage().widgetStats.sumSince(id + 100, '2026-11-01')).toEqual({
          impressions: 0,
          clicks: 0,
          dismisses: 0,
        });
        expect(await storage().widgetStats.daily(id, '2026-11-01')).toEqual([
          { day: '2026-11-23', impressions: 2, clicks: 1, dismisses: 0 },
          { day: '2026-11-24', impressions: 1, clicks: 0, dismisses: 1 },
        ]);
      });

      test('settings read back what was set last, and nothing for an unknown key', async () => {
        expect(await storage().settings.get('demo-site-id')).toBeUndefined();
        await storage().settings.set('demo-site-id', '1');
        await storage().settings.set('demo-site-id', '2');
        expect(await storage().settings.get('demo-site-id')).toBe('2');
        expect(await t.other.settings.get('demo-site-id')).toBe('2');
      });

      test('ping resolves when storage can take writes', async () => {
        await expect(storage().ping()).resolves.toBeUndefined();
      });
    });
  });
});
