// Field maps (the owner fixes what detection reads wrong) and replays that re-derive a stored
// delivery in place, through the admin API and the real webhook route, on every storage backend.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Conversion } from '../../server/conversions/conversion.types.ts';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';
import { connectWidget, listen, waitFor } from '../support/widget-client.ts';

let t: AnyTestApp;

/**
 * A body detection misreads: the affiliate's email at the top level, the buyer's deeper; cents in a
 * field named like a price; a SKU where the product's title is elsewhere; the buyer's name in a list.
 */
const ORDER = {
  email: 'affiliate.partner@example.com',
  product: 'SKU-1',
  sku_title: 'Trail Runner GTX',
  amount: 12950,
  currency: 'EUR',
  data: { buyer: { mail: 'zoe.oconnor@example.com' } },
  items: [{ buyer: { first: "Zoë O'Connor-Smith" } }, { buyer: { first: 'Nobody' } }],
};
const ORDER_MAP = {
  productName: 'sku_title',
  total: 'amount/100',
  email: 'data.buyer.mail',
  firstName: 'items[0].buyer.first',
};

/** Detection's work is bounded (20,000 nodes): an email after a form's 20,000 questions is past its reach. */
function pastDetectionsReach() {
  const questions: Record<string, number> = {};
  for (let i = 0; i < 20_000; i++) questions[`q${i}`] = 0;
  return { questions, answers: { contact: 'maria.garcia@example.com' } };
}

describe.each(appBackends('field map and replay'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(async () => {
    if (t.httpServer.listening) await new Promise((resolve) => t.httpServer.close(resolve));
    await t.close();
  });

  const patchMap = (id: number, fieldMap: unknown) => t.api.patch(`/api/notifications/${id}`, { fieldMap });
  const lastDelivery = async (notificationId: number) =>
    (await t.api.get(`/api/notifications/${notificationId}/deliveries`).expect(200)).body.deliveries[0];
  const conversionsOf = async (notificationId: number): Promise<Conversion[]> =>
    (await t.api.get(`/api/notifications/${notificationId}/conversions`).expect(200)).body.conversions;

  describe('fieldMap', () => {
    test('a notification has no field map until one is set, and the API view returns it', async () => {
      const { notification } = await createNotification(t);
      expect(notification.fieldMap).toBeNull();
      const res = await patchMap(notification.id, ORDER_MAP).expect(200);
      const map = ORDER_MAP;
      expect(res.body.fieldMap).toEqual(map);
      expect((await t.api.get(`/api/notifications/${notification.id}`).expect(200)).body.fieldMap).toEqual(map);
    });

    test('the next webhook is read through the map: paths, /100 minor units and array indexes', async () => {
      const { notification, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).send(ORDER).expect(200);
      expect((await lastDelivery(notification.id)).normalized).toMatchObject({ total: 12950, productName: 'SKU-1' });
      await patchMap(notification.id, ORDER_MAP).expect(200);
      await request(t.app)
        .post(hookPath)
        .send({ ...ORDER, order: 2 })
        .expect(200);
      const [conversion] = await conversionsOf(notification.id);
      // The mapped first-name field holds the whole name: it is split, and "Partner" (guessed from the
      // affiliate's email) is gone with the rest of the guess.
      expect(conversion).toMatchObject({
        email: 'zoe.oconnor@example.com',
        firstName: 'Zoë',
        lastName: "O'Connor-Smith",
        productName: 'Trail Runner GTX',
        total: 129.5,
        currency: 'EUR',
      });
      const delivery = await lastDelivery(notification.id);
      expect(delivery.fieldSources).toMatchObject(ORDER_MAP);
    });

    test('mapped values are cleaned like detected ones: an email must be one, a country fills its code', async () => {
      const { notification, hookPath } = await createNotification(t);
      await patchMap(notification.id, { email: 'note', country: 'where', firstName: 'who' }).expect(200);
      await patchMap(notification.id, { total: 'amount/1000' }).expect(200);
      const body = { email: 'real@example.com', note: 'call me maybe', where: 'de', who: '  JOSÉ  ', amount: '12500' };
      await request(t.app).post(hookPath).send(body).expect(200);
      const delivery = await lastDelivery(notification.id);
      // Not an email at the mapped path: detection's stands.
      expect(delivery.normalized).toMatchObject({
        email: 'real@example.com',
        countryCode: 'DE',
        country: 'Germany',
        total: 12.5,
      });
      expect(delivery.normalized.firstName).toBe('José');
      expect(delivery.fieldSources).toMatchObject({ email: 'email', countryCode: 'where', country: 'where' });
    });

    test.each([
      [
        { total: 'amount_cents/7' },
        'The field map entry for total: "amount_cents/7" is not a path (minor units are written /100 or /1000).',
      ],
      [
        { email: 'data.buyer.mail/100' },
        'The field map entry for email: "data.buyer.mail/100" is not a path (a /100 or /1000 suffix is for total only).',
      ],
      [{ email: 'data..mail' }, 'The field map entry for email: "data..mail" is not a path'],
      [{ colour: 'x' }, 'The field map entry for colour: not a field that can be mapped (one of email, firstName'],
      [{ total: 12 }, 'The field map entry for total must be text.'],
      [['email'], 'The field map must be an object.'],
    ])('%j is refused with a 400 that names the entry', async (fieldMap, message) => {
      const { notification } = await createNotification(t);
      const res = await patchMap(notification.id, fieldMap).expect(400);
      expect(res.body.error.code).toBe('invalid-input');
      expect(res.body.error.message).toContain(message);
      expect((await t.api.get(`/api/notifications/${notification.id}`)).body.fieldMap).toBeNull();
    });

    test('a field set to null is removed, the other fields stay; a null map clears it all', async () => {
      const { notification, hookPath } = await createNotification(t);
      await patchMap(notification.id, { total: 'amount/100', city: 'shipping.town' }).expect(200);
      const removed = await patchMap(notification.id, { city: null, productName: 'sku_title' }).expect(200);
      expect(removed.body.fieldMap).toEqual({ total: 'amount/100', productName: 'sku_title' });
      const cleared = await patchMap(notification.id, null).expect(200);
      expect(cleared.body.fieldMap).toBeNull();
      await request(t.app).post(hookPath).send(ORDER).expect(200);
      expect((await lastDelivery(notification.id)).normalized.total).toBe(12950);
    });
  });

  describe('replay re-derives', () => {
    test('a delivery stored before a field map, replayed after it: same conversion, new fields, the changes listed', async () => {
      const { notification, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).send(ORDER).expect(200);
      const original = await lastDelivery(notification.id);
      const [before] = await conversionsOf(notification.id);
      expect(before?.email).toBe('affiliate.partner@example.com');
      // Detection already reads the buyer's own name (not one made up from the affiliate's email).
      expect(before).toMatchObject({ firstName: 'Zoë', lastName: "O'Connor-Smith" });

      await patchMap(notification.id, { email: 'data.buyer.mail', total: 'amount/100', productName: 'sku_title' });
      const res = await t.api.post(`/api/deliveries/${original.id}/replay`).expect(201);
      expect(res.body.outcome).toBe('accepted');
      expect(res.body.conversion).toMatchObject({
        id: before?.id,
        email: 'zoe.oconnor@example.com',
        total: 129.5,
        productName: 'Trail Runner GTX',
      });
      expect(res.body.delivery).toMatchObject({ id: original.id, conversionId: before?.id, outcome: 'accepted' });
      expect(res.body.delivery.fieldSources).toMatchObject({ total: 'amount/100', email: 'data.buyer.mail' });
      expect(res.body.changes).toEqual(
        expect.arrayContaining([
          { field: 'email', before: 'affiliate.partner@example.com', after: 'zoe.oconnor@example.com' },
          { field: 'total', before: 12950, after: 129.5 },
          { field: 'productName', before: 'SKU-1', after: 'Trail Runner GTX' },
        ]),
      );
      const after = await conversionsOf(notification.id);
      expect(after.map((c) => [c.id, c.email])).toEqual([[before?.id, 'zoe.oconnor@example.com']]);

      // Again, with nothing new: the same conversion, nothing changed, still not a duplicate.
      const again = await t.api.post(`/api/deliveries/${original.id}/replay`).expect(201);
      expect(again.body).toMatchObject({ outcome: 'accepted', changes: [], conversion: { id: before?.id } });
    });

    test('a delivery that made no conversion (no email found) is kept only in part (over 8 KiB), so replay refuses it plainly instead of guessing', async () => {
      const { notification, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).send(pastDetectionsReach()).expect(200);
      const ignored = await lastDelivery(notification.id);
      expect(ignored).toMatchObject({ outcome: 'ignored', conversionId: null });
      await patchMap(notification.id, { email: 'answers.contact' }).expect(200);

      // Ignored bodies are kept only up to 8 KiB (abuse limit): the rest is gone, so a replay cannot
      // re-read it and says so; the sender must send it again.
      const res = await t.api.post(`/api/deliveries/${ignored.id}/replay`).expect(409);
      expect(res.body.error.code).toBe('not-replayable');
    });

    test('the updated conversion is pushed to widgets again with its own id', async () => {
      const baseUrl = await listen(t);
      const { notification, site, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).send(ORDER).expect(200);
      const original = await lastDelivery(notification.id);
      const widget = connectWidget(baseUrl, { key: site.widgetKey });
      try {
        await waitFor(widget, 'widget:ready');
        const pushed = waitFor(widget, 'conversion:created');
        await patchMap(notification.id, { firstName: 'items[1].buyer.first' }).expect(200);
        const res = await t.api.post(`/api/deliveries/${original.id}/replay`).expect(201);
        expect(await pushed).toMatchObject({ id: res.body.conversion.id, firstName: 'Nobody' });
      } finally {
        widget.close();
      }
    });

    test('the opened delivery names the profile that read it and lists the body fields with their values', async () => {
      const { notification, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).send(ORDER).expect(200);
      const { id } = await lastDelivery(notification.id);
      const res = await t.api.get(`/api/deliveries/${id}`).expect(200);
      expect(res.body.senderProfile).toBeNull();
      expect(res.body.bodyFields).toEqual(
        expect.arrayContaining([
          { path: 'amount', value: '12950' },
          { path: 'data.buyer.mail', value: 'zoe.oconnor@example.com' },
          { path: 'items[0].buyer.first', value: "Zoë O'Connor-Smith" },
        ]),
      );
    });
  });
});
