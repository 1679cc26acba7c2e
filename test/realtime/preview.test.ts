// Preview widgets: the admin's "Preview on my site" link (POST /api/sites/:id/preview-link) gives a
// signed one-hour token; a widget that sends it in its handshake is a preview widget. It is flagged in
// widget:ready, gets live pushes and the site's test events, is not counted as a visitor, and its
// stats are ignored. A bad, expired or foreign token makes an ordinary widget, never an error.
import request from 'supertest';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { PublicConversion } from '../../shared/protocol.ts';
import { adminPage, loginAdmin } from '../support/admin-session.ts';
import { appBackends } from '../support/app-backends.ts';
import { type RealtimeHarness, useRealtimeApp } from '../support/realtime-harness.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';
import { collectUntil, waitFor } from '../support/widget-client.ts';

let t: AnyTestApp;
let baseUrl: string;
let open: RealtimeHarness['open'];

const HOUR_MS = 60 * 60 * 1000;
const MARIA = {
  email: 'maria.garcia@example.com',
  firstName: 'Maria',
  lastName: 'Garcia',
  city: 'Austin',
  countryCode: 'US',
  productName: 'Sneakers',
};
const ZOE = { email: 'zoe.martin@example.com', firstName: 'Zoe', lastName: 'Martin', productName: 'Boots' };

interface PreviewLink {
  token: string;
  expiresAt: number;
  url: string | null;
  query: string;
}

describe.each(appBackends('preview widgets'))('on $name', (backend) => {
  const harness = useRealtimeApp(backend);
  beforeEach(() => {
    ({ t, baseUrl, open } = harness);
  });

  const mint = async (siteId: number): Promise<PreviewLink> =>
    (await t.api.post(`/api/sites/${siteId}/preview-link`).expect(201)).body;
  const postTest = (hookPath: string, body: object) =>
    request(t.app).post(hookPath).set('X-Proofhook-Test', '1').send(body).expect(200);
  const lastDeliveryId = async (notificationId: number) =>
    (await t.api.get(`/api/notifications/${notificationId}/deliveries?limit=1`)).body.deliveries[0].id as number;

  describe('the preview link', () => {
    test("opens the site's first allowed origin with a new one-hour token each time", async () => {
      const site = (
        await t.api
          .post('/api/sites', {
            name: 'Shop',
            allowedOrigins: ['https://shop.example.com', 'https://www.shop.example.com'],
          })
          .expect(201)
      ).body;
      const first = await mint(site.id);
      expect(first.expiresAt).toBe(t.clock.now() + HOUR_MS);
      expect(first.url).toBe(`https://shop.example.com/?proofhook-preview=${encodeURIComponent(first.token)}`);
      expect(first.query).toBe(`?proofhook-preview=${encodeURIComponent(first.token)}`);
      const second = await mint(site.id);
      expect(second.token).not.toBe(first.token);
    });

    test('a site that allows every origin has no address: the answer gives the parameter to add', async () => {
      const { site } = await createNotification(t);
      const link = await mint(site.id);
      expect(link.url).toBeNull();
      expect(link.query).toBe(`?proofhook-preview=${encodeURIComponent(link.token)}`);
    });

    test('an unknown site is a 404', async () => {
      await t.api.post('/api/sites/999/preview-link').expect(404);
    });

    test('needs the admin: no session is a 401, a session without its CSRF token a 403', async () => {
      const { site } = await createNotification(t);
      await request(t.app).post(`/api/sites/${site.id}/preview-link`).expect(401);
      const login = await loginAdmin(t);
      await request(t.app)
        .post(`/api/sites/${site.id}/preview-link`)
        .set('Cookie', login.cookie)
        .set('Sec-Fetch-Site', 'same-origin')
        .expect(403);
      await adminPage(t, login).post(`/api/sites/${site.id}/preview-link`).expect(201);
    });
  });

  describe('a widget with a valid token', () => {
    test('is flagged a preview, is not counted, and gets test events and live pushes; others get no test', async () => {
      const { site, notification, hookPath } = await createNotification(t);
      await t.api
        .post(`/api/sites/${site.id}/notifications`, {
          name: 'Visitors',
          kind: 'visitors',
          display: { minimumCount: 1 },
        })
        .expect(201);
      const visitor = open(baseUrl, { key: site.widgetKey });
      const visitorReady = await waitFor(visitor, 'widget:ready');
      expect(visitorReady.preview).toBeUndefined();
      expect(visitorReady.visitors?.count).toBe(1);

      const { token } = await mint(site.id);
      const preview = open(baseUrl, { key: site.widgetKey, preview: token });
      const previewReady = await waitFor(preview, 'widget:ready');
      expect(previewReady.preview).toBe(true);
      // The visitor alone: the preview does not count itself or get counted.
      expect(previewReady.visitors?.count).toBe(1);
      expect(t.realtime.countVisitors(site.id)).toBe(1);

      const testEvent = waitFor(preview, 'conversion:created');
      expect((await postTest(hookPath, MARIA)).body).toMatchObject({ ok: true, status: 'test' });
      const shown = (await testEvent) as PublicConversion;
      expect(shown).toMatchObject({
        test: true,
        id: -(await lastDeliveryId(notification.id)),
        notificationId: notification.id,
        title: 'Maria G. from Austin, US',
        message: 'purchased Sneakers',
      });

      const visitorGot = collectUntil(visitor, 'conversion:created', (c) => c.id > 0);
      const previewGot = collectUntil(preview, 'conversion:created', (c) => c.id > 0);
      await request(t.app).post(hookPath).send(ZOE).expect(200);
      // Events on one socket arrive in order: the test event, had it been sent, would come first.
      expect((await visitorGot).map((c) => c.title)).toEqual(['Zoe M.']);
      expect((await previewGot).map((c) => [c.title, c.test])).toEqual([['Zoe M.', undefined]]);
    });

    test("gets a test event with the notification's privacy applied", async () => {
      const { site, notification, hookPath } = await createNotification(t);
      await t.api.patch(`/api/notifications/${notification.id}`, { display: { privacy: 'first', showCity: false } });
      const preview = open(baseUrl, { key: site.widgetKey, preview: (await mint(site.id)).token });
      await waitFor(preview, 'widget:ready');
      const testEvent = waitFor(preview, 'conversion:created');
      await postTest(hookPath, MARIA);
      const shown = await testEvent;
      expect(shown).toMatchObject({ test: true, firstName: 'Maria', title: 'Maria from United States' });
      expect(shown.lastInitial).toBeUndefined();
      expect(shown.city).toBeUndefined();
    });

    test("sends stats that are never recorded, while an ordinary widget's are", async () => {
      const { site, notification } = await createNotification(t);
      const widgets = () => t.io.of('/widget').sockets.size;
      const impressions = async () =>
        (await t.api.get(`/api/notifications/${notification.id}/stats`)).body.windows['24h'].impressions as number;

      const preview = open(baseUrl, { key: site.widgetKey, preview: (await mint(site.id)).token });
      await waitFor(preview, 'widget:ready');
      for (let i = 0; i < 3; i += 1)
        preview.emit('stat:record', { type: 'impression', notificationId: notification.id });
      preview.disconnect();
      // The server reads a connection's packets in order, so its stats were handled before its close.
      await vi.waitFor(() => expect(widgets()).toBe(0));

      const visitor = open(baseUrl, { key: site.widgetKey });
      await waitFor(visitor, 'widget:ready');
      visitor.emit('stat:record', { type: 'impression', notificationId: notification.id });
      await vi.waitFor(async () => expect(await impressions()).toBeGreaterThan(0));
      expect(await impressions()).toBe(1);
    });
  });

  describe('a widget with a bad token is an ordinary widget', () => {
    test.each([
      ['a made-up token', async () => '1.99999999999999.AAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
      ['garbage', async () => 'nope'],
      [
        "another site's token",
        async () => {
          const other = (await t.api.post('/api/sites', { name: 'Other' }).expect(201)).body;
          return (await mint(other.id)).token;
        },
      ],
      [
        'an expired token',
        async () => {
          const sites = (await t.api.get('/api/sites')).body.sites as Array<{ id: number }>;
          const { token } = await mint(sites[0]?.id as number);
          t.clock.advance(HOUR_MS);
          return token;
        },
      ],
    ])('%s: counted, not flagged, and no test event', async (_case, makeToken) => {
      const { site, hookPath } = await createNotification(t);
      const token = await makeToken();
      const widget = open(baseUrl, { key: site.widgetKey, preview: token });
      const ready = await waitFor(widget, 'widget:ready');
      expect(ready.preview).toBeUndefined();
      expect(t.realtime.countVisitors(site.id)).toBe(1);

      const got = collectUntil(widget, 'conversion:created', (c) => c.id > 0);
      await postTest(hookPath, MARIA);
      await request(t.app).post(hookPath).send(ZOE).expect(200);
      expect((await got).map((c) => c.title)).toEqual(['Zoe M.']);
    });
  });
});
