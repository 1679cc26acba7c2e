// Captured forms from the widget's socket to the delivery log: the rules in the snapshot, the fields
// kept and dropped, a delivery marked as captured, dedupe, the live push, and the rate limits.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { CapturedForm } from '../../shared/protocol.ts';
import { DEFAULT_CAPTURE_LIMITS } from '../../server/capture/capture-limits.ts';
import { createFormCapture } from '../../server/capture/form-capture.ts';
import { type TestApp, createNotification, createTestApp } from '../support/test-app.ts';
import { type WidgetClient, connectWidget, listen, waitFor } from '../support/widget-client.ts';

let t: TestApp;
let baseUrl: string;
let siteId: number;
let widgetKey: string;
let notificationId: number;
let ruleId: number;
const clients: WidgetClient[] = [];
const silent = pino({ level: 'silent' });

beforeEach(async () => {
  t = createTestApp();
  const made = await createNotification(t, { kind: 'stream' });
  siteId = made.site.id;
  widgetKey = made.site.widgetKey;
  notificationId = made.notification.id;
  const rule = await t.api
    .post(`/api/sites/${siteId}/capture-rules`, { path: '/signup*', selector: 'form#signup', notificationId })
    .expect(201);
  ruleId = rule.body.id;
  baseUrl = await listen(t);
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await new Promise((resolve) => t.httpServer.close(resolve));
  await t.close();
});

async function widget() {
  const client = connectWidget(baseUrl, { key: widgetKey });
  clients.push(client);
  const ready = await waitFor(client, 'widget:ready');
  return { client, ready };
}

const deliveries = () => t.storage.deliveries.listByNotification(notificationId, { limit: 50 });
const conversions = () => t.storage.conversions.listByNotification(notificationId, { limit: 50 });
const form = (fields: Record<string, string>, path = '/signup'): CapturedForm => ({ ruleId, path, fields });

describe('form capture over the widget socket', () => {
  test('the snapshot carries the site rules (page and selector only); a preview widget gets none', async () => {
    const { ready } = await widget();
    expect(ready.capture).toEqual([{ id: ruleId, path: '/signup*', selector: 'form#signup' }]);
    const link = await t.api.post(`/api/sites/${siteId}/preview-link`).expect(201);
    const preview = connectWidget(baseUrl, { key: widgetKey, preview: link.body.token });
    clients.push(preview);
    expect((await waitFor(preview, 'widget:ready')).capture).toBeUndefined();
  });

  test('a captured form is stored as a delivery marked captured, and pushed live to other visitors', async () => {
    const { client } = await widget();
    const { client: other } = await widget();
    const pushed = waitFor(other, 'conversion:created');
    client.emit('capture:record', form({ email: 'Maria@Example.com', firstName: 'maria', city: 'Austin' }));
    expect(await pushed).toMatchObject({ notificationId, firstName: 'Maria', city: 'Austin' });
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({
      method: 'CAPTURE',
      outcome: 'accepted',
      bodyFormat: 'json',
      reason: `captured from a form on /signup (capture rule ${ruleId}, form#signup)`,
    });
    // Nothing of the visitor's request: no address, no user agent, no cookie.
    expect(delivery?.headers).toEqual({ 'content-type': 'application/json', 'x-proofhook-source': 'form-capture' });
    expect(JSON.parse(String(delivery?.body))).toEqual({
      email: 'maria@example.com',
      first_name: 'maria',
      city: 'Austin',
    });
    const [conversion] = await conversions();
    expect(conversion).toMatchObject({ email: 'maria@example.com', firstName: 'Maria', city: 'Austin' });
    // The site's checklist: a conversion, but a captured form is not a sender's webhook.
    const checklist = (await t.api.get(`/api/sites/${siteId}/onboarding`).expect(200)).body;
    expect(checklist.conversion.done).toBe(true);
    expect(checklist.webhook.done).toBe(false);
  });

  test('the same form sent twice is one conversion and a duplicate delivery', async () => {
    const { client } = await widget();
    client.emit('capture:record', form({ email: 'ann@example.com', firstName: 'Ann' }));
    await vi.waitFor(async () => expect(await deliveries()).toHaveLength(1));
    client.emit('capture:record', form({ email: 'ANN@example.com ', firstName: 'Ann' }, '/signup/thanks'));
    await vi.waitFor(async () => expect(await deliveries()).toHaveLength(2));
    expect((await deliveries()).map((d) => d.outcome)).toEqual(['duplicate', 'accepted']);
    expect(await conversions()).toHaveLength(1);
  });
});

describe('what a captured form may carry', () => {
  const take = (input: unknown, limits = DEFAULT_CAPTURE_LIMITS) =>
    createFormCapture({
      storage: t.storage,
      geo: { lookup: () => undefined },
      clock: t.clock,
      logger: silent,
      onConversion: () => {},
      limits,
    }).take(siteId, '203.0.113.9', input);

  test('card-number-like values are dropped; an unknown field name drops the whole event', async () => {
    expect(
      await take(form({ email: 'bo@example.com', name: '4111 1111 1111 1111', city: '4111-1111-1111-1111' })),
    ).toBe('stored');
    const [delivery] = await deliveries();
    expect(String(delivery?.body)).toBe('{"email":"bo@example.com"}');
    expect(JSON.stringify(await conversions())).not.toMatch(/4111/);
    expect(await take(form({ email: 'cy@example.com', password: 'hunter2' }))).toBe('invalid');
    expect(await take(form({ email: 'cy@example.com', cardNumber: '4111111111111111' }))).toBe('invalid');
    expect(await take(form({ email: 'not an email' }))).toBe('invalid');
    expect(await take({ ruleId, path: '/signup', fields: { email: 'x'.repeat(5000) } })).toBe('invalid');
    expect(await deliveries()).toHaveLength(1);
  });

  test('a form is taken only for a rule of the site, on a page the rule names, to a notification that takes webhooks', async () => {
    expect(await take({ ruleId: ruleId + 1, path: '/signup', fields: { email: 'a@example.com' } })).toBe('no-rule');
    expect(await take(form({ email: 'a@example.com' }, '/checkout'))).toBe('page-not-matched');
    await t.api.delete(`/api/notifications/${notificationId}`).expect(204);
    expect(await take(form({ email: 'a@example.com' }))).toBe('no-target');
  });

  test('per client address and per site, a token bucket: a burst passes, then one per period', async () => {
    const limits = { perAddressPerSecond: 0.1, perAddressBurst: 2, perSitePerSecond: 1, perSiteBurst: 100 };
    const capture = createFormCapture({
      storage: t.storage,
      geo: { lookup: () => undefined },
      clock: t.clock,
      logger: silent,
      onConversion: () => {},
      limits,
    });
    const send = (email: string, address = '203.0.113.9') => capture.take(siteId, address, form({ email }));
    expect(await send('a@example.com')).toBe('stored');
    expect(await send('b@example.com')).toBe('stored');
    expect(await send('c@example.com')).toBe('rate-limited');
    expect(await send('c@example.com', '198.51.100.7')).toBe('stored');
    t.clock.advance(10_000);
    expect(await send('c@example.com')).toBe('stored');

    const siteLimits = { perAddressPerSecond: 10, perAddressBurst: 10, perSitePerSecond: 0.5, perSiteBurst: 3 };
    const bySite = createFormCapture({
      storage: t.storage,
      geo: { lookup: () => undefined },
      clock: t.clock,
      logger: silent,
      onConversion: () => {},
      limits: siteLimits,
    });
    const results = [];
    for (let i = 0; i < 4; i += 1)
      results.push(await bySite.take(siteId, `192.0.2.${i}`, form({ email: `s${i}@example.com` })));
    expect(results).toEqual(['stored', 'stored', 'stored', 'rate-limited']);
  });
});
