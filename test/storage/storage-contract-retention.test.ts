// The Storage contract for erasure, retention, widget stats, settings and ping: SQLite and PostgreSQL alike.
import { beforeEach, describe, expect, test } from 'vitest';
import { type Target, buildConversion, buildDelivery, createTarget } from './storage-builders.ts';
import { DAY_MS, HOUR_MS, describeStorageContract } from './storage-contract-suite.ts';

describeStorageContract((t, storage) => {
  describe('erasure and retention', () => {
    let target: Target;
    beforeEach(async () => {
      target = await createTarget(storage());
    });
    const record = (overrides: Parameters<typeof buildDelivery>[2]) =>
      storage().deliveries.record(buildDelivery(target, t().clock.now(), { dedupeKey: null, ...overrides }));
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
        conversion: buildConversion(t().clock.now(), unrelated),
        normalized: buildConversion(t().clock.now(), unrelated),
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

    test('erasePerson finds the address percent-encoded, as form bodies and query strings carry it', async () => {
      // Never normalized (a rejected or unparsed delivery), so only the raw text can name the person.
      const inForm = await record({ ...quiet, body: Buffer.from('first_name=Jane&email=Jane.Doe%40Example.com') });
      const inQuery = await record({ ...quiet, body: null, query: 'ref=1&customer=jane.doe%40example.com' });
      const tagged = await record({ ...quiet, body: Buffer.from('email=jane%2Bnews%40example.com') });
      const nearMiss = await record({ ...quiet, body: Buffer.from('email=jane.doe%40example.co&x=m') });

      expect(await storage().deliveries.erasePerson('jane.doe@example.com')).toEqual({ conversions: 0, deliveries: 2 });
      expect(await storage().deliveries.erasePerson('Jane+News@example.com')).toEqual({
        conversions: 0,
        deliveries: 1,
      });
      for (const result of [inForm, inQuery, tagged]) {
        expect(await storage().deliveries.find(result.deliveryId)).toMatchObject({
          body: null,
          query: null,
          reason: 'erased on request',
        });
      }
      expect((await storage().deliveries.find(nearMiss.deliveryId))?.body).toEqual(
        Buffer.from('email=jane.doe%40example.co&x=m'),
      );
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
      t().clock.advance(DAY_MS);
      const fresh = await record({});
      const cutoff = t().clock.now() - HOUR_MS;
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

    test('record reports the request bytes its row keeps, as storedBytesOfSite counts them', async () => {
      const site = await createTarget(storage(), 'Budgeted');
      const results = [
        await storage().deliveries.record(buildDelivery(site, t().clock.now(), { dedupeKey: null })),
        await storage().deliveries.record(
          buildDelivery(site, t().clock.now(), { ...quiet, dedupeKey: null, query: 'ref=newsletter' }),
        ),
      ];
      expect(results.every((result) => result.storedBytes > 100)).toBe(true);
      const counted = results.reduce((sum, result) => sum + result.storedBytes, 0);
      expect(await storage().deliveries.storedBytesOfSite(site.siteId)).toBe(counted);
    });

    test('conversions.purgeBefore deletes by occurrence time and unlinks their deliveries', async () => {
      const old = await record({ conversion: buildConversion(t().clock.now() - 10 * DAY_MS) });
      const recent = await record({ conversion: buildConversion(t().clock.now()) });
      expect(await storage().conversions.purgeBefore(t().clock.now() - DAY_MS)).toBe(1);
      expect(await storage().conversions.purgeBefore(t().clock.now() - DAY_MS)).toBe(0);
      expect(await storage().conversions.find(old.conversion?.id ?? 0)).toBeUndefined();
      expect((await storage().deliveries.find(old.deliveryId))?.conversionId).toBeNull();
      expect((await storage().deliveries.find(recent.deliveryId))?.conversionId).toBe(recent.conversion?.id);
    });

    test('purgeDedupeKeysBefore forgets older keys, so they no longer make duplicates', async () => {
      await record({ dedupeKey: 'event:old' });
      t().clock.advance(HOUR_MS);
      await record({ dedupeKey: 'event:new' });
      expect(await storage().deliveries.purgeDedupeKeysBefore(t().clock.now())).toBe(1);
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
      expect(await t().other.settings.get('demo-site-id')).toBe('2');
    });

    test('ping resolves when storage can take writes', async () => {
      await expect(storage().ping()).resolves.toBeUndefined();
    });
  });
});
