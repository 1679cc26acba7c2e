import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';

let t: AnyTestApp;

describe.each(appBackends('admin API'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(() => t.close());

  describe('admin API authentication', () => {
    test.each([
      ['no Authorization header', undefined],
      ['a wrong token', 'Bearer nope-nope-nope-nope'],
      ['a Basic header', 'Basic dGVzdDp0ZXN0'],
    ])('refuses %s with 401 and the error envelope', async (_name, header) => {
      const req = request(t.app).get('/api/sites');
      if (header) req.set('Authorization', header);
      const res = await req.expect(401);
      expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    });
  });

  describe('sites', () => {
    test('a created site has a public widget key and can be listed, renamed and deleted', async () => {
      const created = await t.api
        .post('/api/sites', { name: 'Shop', allowedOrigins: ['https://shop.example.com/some/path'] })
        .expect(201);
      expect(created.body).toMatchObject({ name: 'Shop', allowedOrigins: ['https://shop.example.com'] });
      expect(created.body.widgetKey).toMatch(/^pk_/);

      const list = await t.api.get('/api/sites').expect(200);
      expect(list.body.sites.map((s: { id: number }) => s.id)).toEqual([created.body.id]);

      const renamed = await t.api.patch(`/api/sites/${created.body.id}`, { name: 'Shoe Shop' }).expect(200);
      expect(renamed.body).toMatchObject({ name: 'Shoe Shop', allowedOrigins: ['https://shop.example.com'] });

      await t.api.delete(`/api/sites/${created.body.id}`).expect(204);
      await t.api.get(`/api/sites/${created.body.id}`).expect(404);
    });

    test.each([
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x', allowedOrigins: ['not a url'] }, 'The origin "not a url" is not a web address'],
      [{ name: 'x', extra: 1 }, 'extra'],
    ])('rejects invalid input %j with a 400 whose sentence names the field', async (body, field) => {
      const res = await t.api.post('/api/sites', body).expect(400);
      expect(res.body.error.code).toBe('invalid-input');
      expect(res.body.error.message).toContain(field);
    });

    test('malformed JSON on the admin API is a 400 envelope, not a 500', async () => {
      const res = await request(t.app)
        .post('/api/sites')
        .set('Authorization', 'Bearer test-admin-token-0123456789')
        .set('Content-Type', 'application/json')
        .send('{"name":')
        .expect(400);
      expect(res.body.error.code).toBe('bad-request');
    });

    test('unknown ids and non-numeric ids are 404', async () => {
      await t.api.get('/api/sites/999').expect(404);
      await t.api.get('/api/sites/abc').expect(404);
      await t.api.get('/api/notifications/1e3').expect(404);
    });
  });

  describe('notifications', () => {
    test('a created notification carries its full webhook URL and a secret token distinct from the widget key', async () => {
      const { site, notification, token } = await createNotification(t);
      expect(notification.ingestUrl).toBe(`https://proof.example.com/hooks/${token}`);
      // at least 128 random bits: 32 base64url characters carry 192
      expect(token).toMatch(/^whk_[A-Za-z0-9_-]{32}$/);
      expect(token).not.toBe(site.widgetKey);
      expect(notification).toMatchObject({ kind: 'stream', status: 'active', siteId: site.id });
      expect(notification.display).toMatchObject({ firstDelayMs: 3000, displayMs: 6000 });
      expect(notification.messageTemplate).toContain('{{product}}');
    });

    test('PATCH pauses, resumes, renames, changes the template and display rules', async () => {
      const { notification } = await createNotification(t);
      const url = `/api/notifications/${notification.id}`;
      expect((await t.api.patch(url, { status: 'paused' }).expect(200)).body.status).toBe('paused');
      expect((await t.api.patch(url, { status: 'active' }).expect(200)).body.status).toBe('active');
      const changed = await t.api
        .patch(url, { name: 'Buyers', messageTemplate: 'just bought {{productName}}', display: { displayMs: 8000 } })
        .expect(200);
      expect(changed.body).toMatchObject({ name: 'Buyers', messageTemplate: 'just bought {{productName}}' });
      expect(changed.body.display).toMatchObject({ displayMs: 8000, firstDelayMs: 3000 });
    });

    test('PATCH refuses unknown template variables and impossible display rules', async () => {
      const { notification } = await createNotification(t);
      const url = `/api/notifications/${notification.id}`;
      const bad = await t.api.patch(url, { messageTemplate: 'hi {{password}}' }).expect(400);
      expect(bad.body.error.message).toContain('{{password}}');
      await t.api.patch(url, { display: { displayMs: -1 } }).expect(400);
      await t.api.patch(url, { status: 'deleted' }).expect(400);
      await t.api.patch(url, {}).expect(400);
    });

    test('rotating the token makes the old webhook URL unknown at once', async () => {
      const { notification, hookPath } = await createNotification(t);
      const rotated = await t.api.patch(`/api/notifications/${notification.id}`, { rotateToken: true }).expect(200);
      expect(rotated.body.ingestToken).not.toBe(notification.ingestToken);
      await request(t.app).post(hookPath).send({ email: 'a@b.co' }).expect(404);
      await request(t.app).post(`/hooks/${rotated.body.ingestToken}`).send({ email: 'a@b.co' }).expect(200);
    });

    test('a deleted notification disappears from the API and its URL answers 410', async () => {
      const { site, notification, hookPath } = await createNotification(t);
      await t.api.delete(`/api/notifications/${notification.id}`).expect(204);
      await t.api.get(`/api/notifications/${notification.id}`).expect(404);
      expect((await t.api.get(`/api/sites/${site.id}/notifications`).expect(200)).body.notifications).toEqual([]);
      await request(t.app).post(hookPath).send({ email: 'a@b.co' }).expect(410);
    });

    test('deleting a site tombstones its notifications (410)', async () => {
      const { site, hookPath } = await createNotification(t);
      await t.api.delete(`/api/sites/${site.id}`).expect(204);
      await request(t.app).post(hookPath).send({ email: 'a@b.co' }).expect(410);
    });

    test('conversions, deliveries and stats are listed newest first', async () => {
      const { notification, hookPath } = await createNotification(t);
      for (const [email, firstName] of [
        ['one@example.com', 'One'],
        ['two@example.com', 'Two'],
      ]) {
        await request(t.app).post(hookPath).send({ email, firstName, productName: 'Sneakers' }).expect(200);
        t.clock.advance(1000);
      }
      await request(t.app).post(hookPath).send({ hello: 'no email here' }).expect(200);

      const conversions = await t.api.get(`/api/notifications/${notification.id}/conversions`).expect(200);
      expect(conversions.body.conversions.map((c: { email: string }) => c.email)).toEqual([
        'two@example.com',
        'one@example.com',
      ]);
      expect(conversions.body.conversions[0]).toMatchObject({ productName: 'Sneakers', firstName: 'Two' });

      const byEmail = await t.api.get(`/api/notifications/${notification.id}/conversions?email=ONE@example.com`);
      expect(byEmail.body.conversions).toHaveLength(1);

      const deliveries = await t.api.get(`/api/notifications/${notification.id}/deliveries?limit=2`).expect(200);
      expect(deliveries.body.deliveries.map((d: { outcome: string }) => d.outcome)).toEqual(['ignored', 'accepted']);
      expect(deliveries.body.deliveries[0].reason).toContain('no email');
      expect(deliveries.body.nextBeforeId).toBe(deliveries.body.deliveries[1].id);
      expect(deliveries.body.deliveries[1].fieldSources).toMatchObject({ email: 'email' });

      const stats = await t.api.get(`/api/notifications/${notification.id}/stats`).expect(200);
      expect(stats.body.windows['1h']).toMatchObject({ deliveries: 3, accepted: 2, ignored: 1, conversions: 2 });
      t.clock.advance(2 * 60 * 60 * 1000);
      const later = await t.api.get(`/api/notifications/${notification.id}/stats`).expect(200);
      expect(later.body.windows['1h']).toMatchObject({ deliveries: 0, conversions: 0 });
      expect(later.body.windows['24h']).toMatchObject({ deliveries: 3, conversions: 2 });
    });

    test('the original bytes of a delivery download as an inert attachment', async () => {
      const { notification, hookPath } = await createNotification(t);
      const body = '<script>alert(1)</script>email=a@b.co';
      await request(t.app).post(hookPath).set('Content-Type', 'text/html').send(body).expect(200);
      const list = await t.api.get(`/api/notifications/${notification.id}/deliveries`).expect(200);
      const raw = await t.api.get(`/api/deliveries/${list.body.deliveries[0].id}/body`).buffer(true).expect(200);
      expect(raw.headers['content-type']).toBe('application/octet-stream');
      expect(raw.headers['content-disposition']).toContain('attachment');
      expect(Buffer.from(raw.body).toString()).toBe(body);
    });
  });
});
