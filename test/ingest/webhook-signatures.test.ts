// Signature checks on the webhook route: off by default; when on, a good signature passes, a bad
// one is quarantined (200, never shown) or refused (401), and retries stay one conversion and one popup.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { signForTest } from '../../server/ingest/signatures/sign-for-test.ts';
import type { VerificationConfig } from '../../server/ingest/signatures/verification-config.ts';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';
import { TEST_TIMEOUT_MS } from '../support/wait.ts';
import { type WidgetClient, connectWidget, listen, waitFor } from '../support/widget-client.ts';

let t: AnyTestApp;
const clients: WidgetClient[] = [];

describe.each(appBackends('webhook signatures'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    t.realtime.close();
    await new Promise((resolve) => t.io.close(resolve));
    t.close();
  });

  const STRIPE: VerificationConfig = { scheme: 'stripe', secrets: ['whsec_test_secret_for_proofhook_0001'] };
  const stripeEvent = (id: string) =>
    JSON.stringify({
      id,
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          object: 'checkout.session',
          payment_status: 'paid',
          amount_total: 4900,
          currency: 'usd',
          customer_details: { email: 'signed.buyer@example.com', name: 'Signed Buyer' },
        },
      },
    });

  async function withVerification(config: VerificationConfig, onVerificationFailure?: 'quarantine' | 'reject') {
    const created = await createNotification(t);
    const res = await t.api
      .patch(`/api/notifications/${created.notification.id}`, { verification: config, onVerificationFailure })
      .expect(200);
    return { ...created, view: res.body };
  }

  function postSigned(hookPath: string, body: string, headers: Record<string, string>) {
    return request(t.app)
      .post(hookPath)
      .set({ 'Content-Type': 'application/json', ...headers })
      .send(body);
  }

  async function lastDelivery(notificationId: number) {
    return (await t.api.get(`/api/notifications/${notificationId}/deliveries?limit=1`)).body.deliveries[0];
  }

  describe('webhook signatures', () => {
    test('are off by default: an unsigned delivery is accepted', async () => {
      const { notification, hookPath } = await createNotification(t);
      expect(notification.verification).toBeNull();
      expect(notification.onVerificationFailure).toBe('quarantine');
      await request(t.app).post(hookPath).send({ email: 'a@b.co' }).expect(200, { ok: true, status: 'accepted' });
    });

    test('the admin API never returns a secret whole', async () => {
      const { view } = await withVerification(STRIPE);
      expect(JSON.stringify(view)).not.toContain('whsec_test_secret_for_proofhook_0001');
      expect(view.verification.scheme).toBe('stripe');
    });

    test('a correctly signed delivery is accepted', async () => {
      const { hookPath } = await withVerification(STRIPE);
      const body = stripeEvent('evt_good');
      const res = await postSigned(hookPath, body, signForTest(STRIPE, body, t.clock.now()));
      expect(res.body).toEqual({ ok: true, status: 'accepted' });
    });

    test('a bad signature is quarantined by default: 200, stored as unverified, never a conversion', async () => {
      const { notification, hookPath } = await withVerification(STRIPE);
      const body = stripeEvent('evt_forged');
      const forged = signForTest({ ...STRIPE, secrets: ['whsec_someone_else_entirely_000'] }, body, t.clock.now());
      const res = await postSigned(hookPath, body, forged);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, status: 'unverified' });
      const delivery = await lastDelivery(notification.id);
      expect(delivery).toMatchObject({ outcome: 'unverified', status: 200, conversionId: null });
      expect(delivery.reason).toMatch(/signature check failed \(stripe\): no signature matched/);
      // Visible in the inspector with what it would have been.
      expect(delivery.normalized.email).toBe('signed.buyer@example.com');
      const conversions = await t.api.get(`/api/notifications/${notification.id}/conversions`);
      expect(conversions.body.conversions).toEqual([]);
    });

    test('with reject, a missing signature gets 401 and is still logged', async () => {
      const { notification, hookPath } = await withVerification(STRIPE, 'reject');
      const res = await postSigned(hookPath, stripeEvent('evt_unsigned'), {});
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid-signature');
      expect(await lastDelivery(notification.id)).toMatchObject({ outcome: 'unverified', status: 401 });
    });

    test('a stale timestamp fails even with the right secret', async () => {
      const { notification, hookPath } = await withVerification(STRIPE);
      const body = stripeEvent('evt_stale');
      const headers = signForTest(STRIPE, body, t.clock.now() - 6 * 60 * 1000);
      expect((await postSigned(hookPath, body, headers)).body.status).toBe('unverified');
      expect((await lastDelivery(notification.id)).reason).toContain('in the past');
    });

    test("WooCommerce's unsigned webhook_id ping gets its 200 even when rejecting", async () => {
      const { hookPath } = await withVerification(
        { scheme: 'woocommerce', secrets: ['wc-secret-0123456789'] },
        'reject',
      );
      const res = await request(t.app).post(hookPath).type('form').send('webhook_id=42');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ignored');
    });

    test('a Stripe retry with a re-signed timestamp makes one conversion and one popup', async () => {
      const baseUrl = await listen(t);
      const { site, notification, hookPath } = await withVerification(STRIPE);
      const widget = connectWidget(baseUrl, { key: site.widgetKey });
      clients.push(widget);
      await waitFor(widget, 'widget:ready');
      const popups: unknown[] = [];
      widget.on('conversion:created', (c) => popups.push(c));

      const body = stripeEvent('evt_retried');
      const statuses = [];
      for (const waitMs of [0, 60_000, 5 * 60_000, 30 * 60_000]) {
        t.clock.advance(waitMs);
        // Stripe signs each attempt anew with the attempt's own timestamp.
        statuses.push((await postSigned(hookPath, body, signForTest(STRIPE, body, t.clock.now()))).body.status);
      }
      expect(statuses).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate']);
      const conversions = await t.api.get(`/api/notifications/${notification.id}/conversions`);
      expect(conversions.body.conversions).toHaveLength(1);
      // Another event's popup comes after any the retries could have made.
      const after = stripeEvent('evt_after_the_retries');
      await postSigned(hookPath, after, signForTest(STRIPE, after, t.clock.now())).expect(200);
      await vi.waitFor(() => expect(popups.length).toBeGreaterThanOrEqual(2), {
        timeout: TEST_TIMEOUT_MS,
        interval: 20,
      });
      expect(popups).toHaveLength(2);
      expect(popups[0]).toMatchObject({ id: conversions.body.conversions[0].id });
    });

    test("a store platform's six attempts over 15 simulated minutes make one conversion and one popup", async () => {
      const baseUrl = await listen(t);
      const { site, notification, hookPath } = await createNotification(t);
      const widget = connectWidget(baseUrl, { key: site.widgetKey });
      clients.push(widget);
      await waitFor(widget, 'widget:ready');
      const popups: unknown[] = [];
      widget.on('conversion:created', (c) => popups.push(c));
      const order = { id: 77, status: 'paid', email: 'retry@example.com', total: '19.00' };
      for (const waitSeconds of [0, 60, 120, 180, 240, 300]) {
        t.clock.advance(waitSeconds * 1000);
        await request(t.app).post(hookPath).send(order).expect(200);
      }
      // Another order's popup comes after any the retries could have made.
      await request(t.app)
        .post(hookPath)
        .send({ ...order, id: 78, email: 'next.order@example.com' })
        .expect(200, { ok: true, status: 'accepted' });
      await vi.waitFor(() => expect(popups.length).toBeGreaterThanOrEqual(2), {
        timeout: TEST_TIMEOUT_MS,
        interval: 20,
      });
      const stored = await t.api.get(`/api/notifications/${notification.id}/conversions`).expect(200);
      const oldestFirst = (stored.body.conversions as Array<{ id: number }>).map((c) => c.id).reverse();
      expect(oldestFirst).toHaveLength(2);
      expect(popups.map((popup) => (popup as { id: number }).id)).toEqual(oldestFirst);
    });

    test('a quarantined delivery replays as accepted once the secret is fixed', async () => {
      const { notification, hookPath } = await withVerification({
        ...STRIPE,
        secrets: ['whsec_wrong_secret_at_first_00'],
      });
      const body = stripeEvent('evt_fixed_later');
      await postSigned(hookPath, body, signForTest(STRIPE, body, t.clock.now())).expect(200);
      const quarantined = await lastDelivery(notification.id);
      expect(quarantined.outcome).toBe('unverified');
      await t.api.patch(`/api/notifications/${notification.id}`, { verification: STRIPE }).expect(200);
      t.clock.advance(60 * 60 * 1000); // an hour later: judged as of arrival, so the timestamp still holds
      const replay = await t.api.post(`/api/deliveries/${quarantined.id}/replay`).expect(201);
      expect(replay.body.outcome).toBe('accepted');
    });

    test('"Send test" signs its sample when the notification checks signatures', async () => {
      await listen(t);
      const { notification } = await withVerification(
        { scheme: 'standard-webhooks', secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] },
        'reject',
      );
      for (let i = 0; i < 2; i += 1) {
        const res = await t.api.post(`/api/notifications/${notification.id}/test`, { format: 'proofhook' }).expect(200);
        // Accepted by the signature check: a test event, not quarantined as unverified.
        expect(res.body).toMatchObject({ status: 200, reply: { status: 'test' } });
      }
    });
  });
});
