// The inspector's rows say who, what and which sender; the list filters by outcome, sender and text
// among every stored delivery of the notification, a page at a time.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';

let t: AnyTestApp;

const STRIPE = {
  id: 'evt_1',
  object: 'event',
  type: 'checkout.session.completed',
  data: {
    object: {
      object: 'checkout.session',
      customer_details: { email: 'grace@example.com', name: 'Grace Hopper' },
      amount_total: 4200,
      currency: 'usd',
      payment_status: 'paid',
    },
  },
};

describe.each(appBackends('inspector filter'))('on $name', (backend) => {
  let url: string;
  let hookPath: string;
  let siteId: number;

  beforeEach(async () => {
    t = await backend.createApp();
    const created = await createNotification(t);
    hookPath = created.hookPath;
    siteId = created.site.id;
    url = `/api/notifications/${created.notification.id}/deliveries/summaries`;
    await request(t.app)
      .post(hookPath)
      .send({
        email: 'ada@example.org',
        firstName: 'Ada',
        lastName: 'Lovelace',
        productName: 'Engine',
        moreProducts: 0,
      })
      .expect(200);
    await request(t.app).post(hookPath).set('Stripe-Signature', 't=1,v1=x').send(STRIPE).expect(200);
    await request(t.app).post(hookPath).send({ order: 'A-1009', note: 'nobody here' }).expect(200);
  });
  afterEach(() => t.close());

  const rows = async (query = '') => (await t.api.get(`${url}?${query}`).expect(200)).body;

  test('each row names the person, the product and the sender profile', async () => {
    const { deliveries, nextBeforeId } = await rows();
    expect(nextBeforeId).toBeNull();
    expect(deliveries.map((d: object) => ({ ...d, id: 0, receivedAt: 0, bodyBytes: 0, reason: null }))).toEqual([
      expect.objectContaining({ outcome: 'ignored', person: null, product: null, sender: null }),
      expect.objectContaining({
        outcome: 'accepted',
        person: 'Grace Hopper',
        sender: { id: 'stripe', name: 'Stripe' },
      }),
      expect.objectContaining({ outcome: 'accepted', person: 'Ada Lovelace', product: 'Engine', sender: null }),
    ]);
  });

  test.each([
    ['outcome=accepted', ['Grace Hopper', 'Ada Lovelace']],
    ['outcome=ignored', [null]],
    ['outcome=duplicate', []],
    ['sender=stripe', ['Grace Hopper']],
    ['sender=none', [null, 'Ada Lovelace']],
    ['q=LOVELACE', ['Ada Lovelace']],
    ['q=engine', ['Ada Lovelace']],
    ['q=stripe', ['Grace Hopper']],
    ['q=A-1009', [null]],
    ['q=grace&outcome=ignored', []],
    ['q=%20', [null, 'Grace Hopper', 'Ada Lovelace']],
  ])('?%s', async (query, people) => {
    expect((await rows(query)).deliveries.map((d: { person: string | null }) => d.person)).toEqual(people);
  });

  test('a filtered page stops at the limit and goes on from where it stopped', async () => {
    const first = await rows('outcome=accepted&limit=1');
    expect(first.deliveries.map((d: { person: string }) => d.person)).toEqual(['Grace Hopper']);
    const next = await rows(`outcome=accepted&limit=1&beforeId=${first.nextBeforeId}`);
    expect(next.deliveries.map((d: { person: string }) => d.person)).toEqual(['Ada Lovelace']);
  });

  test('a bad filter is a 400 sentence', async () => {
    const res = await t.api.get(`${url}?outcome=maybe`).expect(400);
    expect(res.body.error.message).toMatch(/^The outcome must be one of "accepted", /);
  });

  test('a filter finds the oldest delivery behind more than 1,000 newer ones that do not match', async () => {
    // Straight into storage: the webhook's rate limit would refuse this many in a row.
    const notificationId = Number(url.split('/')[3]);
    for (let i = 0; i < 1005; i++) {
      const body = Buffer.from(`{"note":"filler ${i}"}`);
      await t.storage.deliveries.record({
        notificationId,
        siteId,
        receivedAt: t.clock.now(),
        method: 'POST',
        contentType: 'application/json',
        headers: {},
        query: null,
        body,
        bodyBytes: body.length,
        bodyTruncated: false,
        status: 200,
        outcome: 'ignored',
        reason: 'no person',
        dedupeKey: null,
        bodyFormat: 'json',
        normalized: null,
        fieldSources: null,
        conversion: null,
      });
    }
    // Ada's delivery came first: 1,007 newer deliveries stand in front of it.
    const page = await rows('q=lovelace');
    expect(page.deliveries.map((d: { person: string }) => d.person)).toEqual(['Ada Lovelace']);
    expect(page.nextBeforeId).toBeNull();
    const accepted = await rows('outcome=accepted&limit=1');
    expect(accepted.deliveries.map((d: { person: string }) => d.person)).toEqual(['Grace Hopper']);
    const older = await rows(`outcome=accepted&limit=1&beforeId=${accepted.nextBeforeId}`);
    expect(older).toMatchObject({ deliveries: [{ person: 'Ada Lovelace' }], nextBeforeId: null });
    const plain = await rows('limit=2');
    expect(plain.deliveries.map((d: { reason: string }) => d.reason)).toEqual(['no person', 'no person']);
    expect(plain.nextBeforeId).toEqual(plain.deliveries[1].id);
  });
});
