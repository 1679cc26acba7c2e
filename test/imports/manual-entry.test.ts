// Conversions entered by hand through the admin API: validated, stored, and pushed to open widgets
// like a webhook's, through the same public view (no email or full last name on the wire).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';
import { type WidgetClient, connectWidget, listen, recordFrames, waitFor } from '../support/widget-client.ts';
import { conversionsOf } from './import-support.ts';

let t: AnyTestApp;
const clients: WidgetClient[] = [];

describe.each(appBackends('manual entry'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    if (t.httpServer.listening) {
      t.realtime.close();
      await new Promise((resolve) => t.io.close(resolve));
    }
    await t.close();
  });

  const entryUrl = (id: number) => `/api/notifications/${id}/conversions`;

  test('an entry is pushed to an open widget at once, as the public view of it', async () => {
    const { site, notification } = await createNotification(t);
    const widget = connectWidget(await listen(t), { key: site.widgetKey });
    clients.push(widget);
    const frames = recordFrames(widget);
    await waitFor(widget, 'widget:ready');
    const pushed = waitFor(widget, 'conversion:created');
    const res = await t.api
      .post(entryUrl(notification.id), {
        email: 'maria.garcia@example.com',
        firstName: 'Maria',
        lastName: 'Garcia',
        city: 'Austin',
        country: 'US',
        productName: 'Sneakers',
        total: 49.9,
        currency: 'usd',
      })
      .expect(201);
    expect(res.body.conversion).toMatchObject({
      email: 'maria.garcia@example.com',
      countryCode: 'US',
      currency: 'USD',
      timestamp: t.clock.now(),
    });
    expect(await pushed).toMatchObject({
      id: res.body.conversion.id,
      firstName: 'Maria',
      lastInitial: 'G',
      city: 'Austin',
      productName: 'Sneakers',
    });
    expect(frames.join('')).not.toContain('maria.garcia@example.com');
    expect(frames.join('')).not.toContain('Garcia');
  });

  test('email is optional: a first name or a product is enough for a popup', async () => {
    const { notification } = await createNotification(t);
    await t.api.post(entryUrl(notification.id), { firstName: 'Jo', city: 'Leeds' }).expect(201);
    await t.api.post(entryUrl(notification.id), { productName: 'Gift card', email: '' }).expect(201);
    const stored = await conversionsOf(t, notification.id);
    expect(stored.map((c) => c.firstName ?? c.productName).sort()).toEqual(['Gift card', 'Jo']);
  });

  test('an entry is marked as hand-made in the inspector and may be dated in the past', async () => {
    const { notification } = await createNotification(t);
    const when = t.clock.now() - 2 * 3_600_000;
    const res = await t.api
      .post(entryUrl(notification.id), { firstName: 'Ann', timestamp: new Date(when).toISOString() })
      .expect(201);
    expect(res.body.conversion.timestamp).toBe(when);
    const delivery = (await t.api.get(`/api/deliveries/${res.body.conversion.deliveryId}`).expect(200)).body;
    expect(delivery).toMatchObject({ method: 'MANUAL', outcome: 'accepted', conversionId: res.body.conversion.id });
  });

  test('wrong input is a 400 whose sentence names the field', async () => {
    const { notification } = await createNotification(t);
    const cases: [object, RegExp][] = [
      [{ email: 'not-an-email', firstName: 'A' }, /^The email must be an email address such as maria@example\.com\.$/],
      [{ firstName: 'A', total: -1 }, /^The total must be at least 0\.$/],
      [{ firstName: 'A', currency: 'dollars' }, /^The currency must be a three-letter ISO 4217 code\.$/],
      [{ firstName: 'A', timestamp: '2099-01-01T00:00:00Z' }, /^The timestamp must be .*not in the future\.$/],
      [{ firstName: 'A', productLink: 'javascript:alert(1)' }, /^The product link must be /],
      [{ firstName: 'A', colour: 'red' }, /colour/],
      // Refused by the same name rules as a webhook's: a formula is no name.
      [{ firstName: '=HYPERLINK("https://evil.example")', productName: 'Hat' }, /^firstName: .* could not be used/],
      [{ city: 'Austin' }, /nothing to show/],
    ];
    for (const [body, message] of cases) {
      const res = await t.api.post(entryUrl(notification.id), body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(res.body.error.code).toBe('invalid-input');
      expect(res.body.error.message).toMatch(message);
    }
    expect(await conversionsOf(t, notification.id)).toEqual([]);
  });

  test('a counter takes an entry with no fields at all and pushes its new count', async () => {
    const { site, notification } = await createNotification(t, { kind: 'conversion', name: 'Sign-ups' });
    await t.api.patch(`/api/notifications/${notification.id}`, { display: { minimumCount: 1 } }).expect(200);
    const widget = connectWidget(await listen(t), { key: site.widgetKey });
    clients.push(widget);
    await waitFor(widget, 'widget:ready');
    const pushed = waitFor(widget, 'counter:updated');
    await t.api.post(entryUrl(notification.id), {}).expect(201);
    expect(await pushed).toMatchObject({ notificationId: notification.id, count: 1 });
  });
});
