// Every sender fixture through the real webhook route: the profile that must recognise it, every
// field it carries read exactly, and nothing that a visitor may not see in its public view.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { toPublicConversion } from '../../server/conversions/public-view.ts';
import { type TestApp, createMovableClock, createNotification, createTestApp } from '../support/test-app.ts';
import { encodeFixtureBody, loadSenderFixtures } from './sender-fixture.ts';

const fixtures = loadSenderFixtures();
let t: TestApp;

beforeEach(() => {
  t = createTestApp({ clock: createMovableClock(Date.UTC(2026, 10, 23, 12, 0, 0)) });
});
afterEach(() => t.close());

describe('sender corpus', () => {
  test('covers at least 45 senders in at least 80 payloads, each citing its documentation', () => {
    const senders = new Set(fixtures.map(({ fixture }) => fixture.sender));
    expect(senders.size).toBeGreaterThanOrEqual(45);
    expect(fixtures.length).toBeGreaterThanOrEqual(80);
    for (const { file, fixture } of fixtures) expect(fixture.docs, file).toMatch(/^https:\/\//);
  });

  test.each(fixtures.map(({ file, fixture }) => [file, fixture] as const))('%s', async (_file, fixture) => {
    if (fixture.receivedAt) t.clock.set(Date.parse(fixture.receivedAt));
    const { notification, hookPath } = await createNotification(t);
    const req = request(t.app)
      [(fixture.request.method ?? 'POST').toLowerCase() as 'post'](hookPath)
      .set(fixture.request.headers)
      .serialize((raw: unknown) => raw as string);
    await req.send(encodeFixtureBody(fixture)).expect(200);

    const res = await t.api.get(`/api/notifications/${notification.id}/deliveries?limit=1`).expect(200);
    const delivery = res.body.deliveries[0];
    expect(delivery.outcome, delivery.reason).toBe(fixture.expect.outcome);
    const normalized = { ...delivery.normalized };
    if (typeof normalized.timestamp === 'number') normalized.timestamp = new Date(normalized.timestamp).toISOString();
    expect(normalized.sender ?? null).toBe(fixture.profile);
    for (const [field, value] of Object.entries(fixture.expect.normalized)) {
      expect(normalized[field], `${field} (from ${delivery.fieldSources?.[field] ?? 'nowhere'})`).toEqual(value);
    }
    for (const field of fixture.expect.absent ?? []) expect(normalized[field], field).toBeUndefined();

    if (fixture.expect.outcome === 'accepted') {
      const conversion = await t.storage.conversions.find(delivery.conversionId);
      expect(conversion).toBeDefined();
      const shown = JSON.stringify(toPublicConversion(conversion!, notification));
      if (conversion?.email) expect(shown).not.toContain(conversion.email);
      const last = conversion?.lastName;
      if (last && Array.from(last).length > 1) expect(shown).not.toContain(last);
    }
  });
});
