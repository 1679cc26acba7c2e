import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DAY_MS, purgeExpiredData } from '../../server/retention/purge-expired-data.ts';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';

let t: AnyTestApp;
describe.each(appBackends('retention'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(() => t.close());

  describe('retention', () => {
    test('raw bodies older than the body retention are dropped; outcomes and counts stay', async () => {
      const { notification, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).send({ email: 'old@example.com' }).expect(200);
      t.clock.advance(31 * DAY_MS);
      await request(t.app).post(hookPath).send({ email: 'new@example.com' }).expect(200);

      const report = await purgeExpiredData(t.storage, t.clock.now(), { bodyDays: 30, conversionDays: 0 });
      expect(report.deliveryBodies).toBe(1);

      const log = (await t.api.get(`/api/notifications/${notification.id}/deliveries`)).body.deliveries;
      expect(log[0]).toMatchObject({ outcome: 'accepted', bodyText: expect.stringContaining('new@example.com') });
      expect(log[1]).toMatchObject({ outcome: 'accepted', bodyText: '', headers: {}, normalized: null });
      // conversionDays 0: conversions are kept
      const conversions = (await t.api.get(`/api/notifications/${notification.id}/conversions`)).body.conversions;
      expect(conversions).toHaveLength(2);
    });

    test('conversions are purged only past both the retention and the longest display window', async () => {
      const { notification, hookPath } = await createNotification(t);
      await t.api.patch(`/api/notifications/${notification.id}`, { display: { historyMaxAgeMs: 20 * DAY_MS } });
      await request(t.app).post(hookPath).send({ email: 'a@example.com' }).expect(200);
      t.clock.advance(15 * DAY_MS);
      expect((await purgeExpiredData(t.storage, t.clock.now(), { bodyDays: 30, conversionDays: 10 })).conversions).toBe(
        0,
      );
      t.clock.advance(6 * DAY_MS);
      expect((await purgeExpiredData(t.storage, t.clock.now(), { bodyDays: 30, conversionDays: 10 })).conversions).toBe(
        1,
      );
      const conversions = (await t.api.get(`/api/notifications/${notification.id}/conversions`)).body.conversions;
      expect(conversions).toEqual([]);
      const log = (await t.api.get(`/api/notifications/${notification.id}/deliveries`)).body.deliveries;
      expect(log[0].conversionId).toBeNull();
    });

    test('dedupe keys older than the dedupe window are forgotten', async () => {
      const { hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).send({ email: 'a@example.com' }).expect(200);
      t.clock.advance(4 * DAY_MS);
      expect((await purgeExpiredData(t.storage, t.clock.now(), { bodyDays: 30, conversionDays: 0 })).dedupeKeys).toBe(
        1,
      );
    });
  });
});
