// Our own bug while normalizing a webhook: the sender still gets the documented 200 (README's status
// policy: a sender that keeps failing disables the webhook, and this failure is not theirs), the
// error is logged with the delivery's id, and the delivery is stored whole as `unparsed` with a
// reason saying it can be replayed — which, once the bug is fixed, turns it into its conversion.
// The bug: a sender profile that assumes every order names a customer (the app's `senders` seam).
import pino from 'pino';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from '../../server/app.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import {
  NORMALIZING_FAILED_KEPT_MESSAGE,
  NORMALIZING_FAILED_MESSAGE,
  NORMALIZING_FAILED_REASON,
} from '../../server/ingest/interpret-delivery.ts';
import { ALL_SENDER_PROFILES } from '../../server/senders/all-profiles.ts';
import { createSenderIndex } from '../../server/senders/sender-index.ts';
import type { SenderProfile, SenderReading, SenderRequest } from '../../server/senders/sender-profile.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { ADMIN_TOKEN, createFakeGeo, createMovableClock } from '../support/test-app.ts';

interface LogLine {
  level: number;
  msg: string;
  deliveryId?: number;
  notificationId?: number;
  err?: { message: string; stack: string };
}

const PINO_ERROR = 50;

interface ShopOrder {
  email?: string;
  customer?: { email?: string };
}
const orderOf = (request: SenderRequest) => (request.body as { buggy_shop_order: ShopOrder }).buggy_shop_order;

/** The bug: `customer` is taken to be always there. */
const readWithTheBug = (request: SenderRequest): SenderReading => {
  const order = orderOf(request) as Required<ShopOrder>;
  return { fields: { email: order.customer.email }, sources: { email: 'buggy_shop_order.customer.email' } };
};
/** The fix: the order's own email when there is no customer. */
const readFixed = (request: SenderRequest): SenderReading => {
  const order = orderOf(request);
  const email = order.customer?.email ?? order.email;
  return email ? { fields: { email }, sources: { email: 'buggy_shop_order.email' } } : { fields: {}, sources: {} };
};

function createBuggyProfile(): SenderProfile & { fixed: boolean } {
  return {
    id: 'buggy-shop',
    name: 'Buggy Shop',
    docs: 'https://shop.example.com/docs/webhooks',
    bodyKeys: ['buggy_shop_order'],
    fixed: false,
    matches: (request) =>
      typeof request.body === 'object' && request.body !== null && 'buggy_shop_order' in request.body,
    read(request) {
      return this.fixed ? readFixed(request) : readWithTheBug(request);
    },
  };
}

function createLoggedApp() {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const db = openDatabase(':memory:');
  migrate(db);
  const clock = createMovableClock();
  const profile = createBuggyProfile();
  const built = createApp({
    config: { publicUrl: 'https://proof.example.com' },
    adminToken: ADMIN_TOKEN,
    storage: createSqliteStorage(db, clock),
    geo: createFakeGeo(),
    clock,
    logger,
    senders: createSenderIndex([...ALL_SENDER_PROFILES, profile]),
  });
  const admin = (req: request.Test) => req.set('Authorization', `Bearer ${ADMIN_TOKEN}`);
  return {
    app: built.app,
    profile,
    lines,
    errors: () => lines.filter((line) => line.level === PINO_ERROR),
    get: (url: string) => admin(request(built.app).get(url)),
    post: (url: string, body?: object) => admin(request(built.app).post(url)).send(body),
    close: () => db.close(),
  };
}

// No customer: the bug's case. Padded past the 8 KiB an unparsed body normally keeps, to show this
// one is kept whole.
const ORDER = {
  buggy_shop_order: {
    id: 'A-1001',
    email: 'maria.garcia@example.com',
    first_name: 'Maria',
    product_name: 'Sneakers',
    note: 'x'.repeat(12 * 1024),
  },
};
const BUG = "Cannot read properties of undefined (reading 'email')";

describe('a normalizer step that throws', () => {
  let t: ReturnType<typeof createLoggedApp>;
  let hookPath: string;
  let notificationId: number;
  beforeEach(async () => {
    t = createLoggedApp();
    const site = await t.post('/api/sites', { name: 'Sneaker Shop' }).expect(201);
    const notification = await t
      .post(`/api/sites/${site.body.id}/notifications`, { name: 'Recent purchases' })
      .expect(201);
    notificationId = notification.body.id;
    hookPath = `/hooks/${notification.body.ingestToken}`;
  });
  afterEach(() => t.close());

  async function onlyDelivery() {
    const list = await t.get(`/api/notifications/${notificationId}/deliveries`).expect(200);
    expect(list.body.deliveries).toHaveLength(1);
    return (await t.get(`/api/deliveries/${list.body.deliveries[0].id}`).expect(200)).body;
  }

  test('the sender gets the documented 200 "unparsed", not an error it would retry or disable on', async () => {
    const res = await request(t.app).post(hookPath).send(ORDER);
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"ok":true,"status":"unparsed"}');
  });

  test('the delivery is stored whole as unparsed, with the reason that it can be replayed, and no conversion', async () => {
    await request(t.app).post(hookPath).send(ORDER).expect(200);
    const delivery = await onlyDelivery();
    expect(delivery).toMatchObject({
      status: 200,
      outcome: 'unparsed',
      reason: NORMALIZING_FAILED_REASON,
      bodyTruncated: false,
      bodyBytes: JSON.stringify(ORDER).length,
      normalized: null,
      conversionId: null,
    });
    expect(JSON.parse(delivery.bodyText)).toEqual(ORDER);
    const conversions = await t.get(`/api/notifications/${notificationId}/conversions`).expect(200);
    expect(conversions.body.conversions).toEqual([]);
  });

  test('the error is logged with its stack, and the stored delivery is logged with its id', async () => {
    await request(t.app).post(hookPath).send(ORDER).expect(200);
    const delivery = await onlyDelivery();
    const [failure, kept, ...more] = t.errors();
    expect(more).toEqual([]);
    expect(failure).toMatchObject({ msg: NORMALIZING_FAILED_MESSAGE, notificationId, err: { message: BUG } });
    expect(failure?.err?.stack).toContain('readWithTheBug');
    expect(kept).toMatchObject({ msg: NORMALIZING_FAILED_KEPT_MESSAGE, notificationId, deliveryId: delivery.id });
  });

  test('a replay after the fix turns the delivery into its conversion', async () => {
    await request(t.app).post(hookPath).send(ORDER).expect(200);
    const { id } = await onlyDelivery();
    t.profile.fixed = true;
    const replay = await t.post(`/api/deliveries/${id}/replay`).expect(201);
    expect(replay.body.outcome).toBe('accepted');
    expect(replay.body.delivery).toMatchObject({ id, outcome: 'accepted', reason: null, status: 200 });
    expect(replay.body.conversion).toMatchObject({
      email: 'maria.garcia@example.com',
      firstName: 'Maria',
      productName: 'Sneakers',
    });
    expect(replay.body.delivery.fieldSources.email).toBe('buggy_shop_order.email');
  });

  test('a replay before the fix keeps it replayable and logs the failure with the delivery id', async () => {
    await request(t.app).post(hookPath).send(ORDER).expect(200);
    const { id } = await onlyDelivery();
    const replay = await t.post(`/api/deliveries/${id}/replay`).expect(201);
    expect(replay.body.delivery).toMatchObject({ id, outcome: 'unparsed', reason: NORMALIZING_FAILED_REASON });
    expect(t.errors().at(-1)).toMatchObject({ msg: NORMALIZING_FAILED_MESSAGE, deliveryId: id, err: { message: BUG } });
    t.profile.fixed = true;
    await t.post(`/api/deliveries/${id}/replay`).expect(201, /"outcome":"accepted"/);
  });

  test('an order the bug does not touch is accepted, with nothing logged', async () => {
    const res = await request(t.app)
      .post(hookPath)
      .send({ buggy_shop_order: { customer: { email: 'ann@example.com' }, product_name: 'Hat' } });
    expect(res.body).toEqual({ ok: true, status: 'accepted' });
    expect(t.errors()).toEqual([]);
  });
});
