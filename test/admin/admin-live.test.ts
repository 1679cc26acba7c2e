// The inspector's live feed (Server-Sent Events) and the list reads behind the admin page.
import http from 'node:http';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAdmin } from '../support/admin-session.ts';
import { appBackends } from '../support/app-backends.ts';
import { ADMIN_TOKEN, type AnyTestApp, createNotification } from '../support/test-app.ts';
import { listen } from '../support/widget-client.ts';

let t: AnyTestApp;
describe.each(appBackends('admin live feed'))('on $name', (backend) => {
  beforeEach(async () => {
    t = await backend.createApp({ publicUrl: '' });
  });
  afterEach(async () => {
    t.realtime.close();
    if (t.httpServer.listening) await new Promise((resolve) => t.httpServer.close(resolve));
    t.close();
  });

  interface Stream {
    status: number;
    headers: http.IncomingHttpHeaders;
    /** Resolves with the next `event:` of that name, parsed. */
    next(event: string, timeoutMs?: number): Promise<{ id?: string; data: unknown }>;
    ended: Promise<void>;
    close(): void;
  }

  function openStream(url: string, headers: Record<string, string>): Promise<Stream> {
    return new Promise((resolve, reject) => {
      const req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
        let buffer = '';
        const events: Array<{ event: string; id?: string; data: unknown }> = [];
        const waiters: Array<() => void> = [];
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = Object.fromEntries(
              block
                .split('\n')
                .filter((line) => !line.startsWith(':') && line.includes(':'))
                .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
            );
            if (fields.event)
              events.push({ event: fields.event, id: fields.id, data: JSON.parse(fields.data ?? 'null') });
            for (const wake of waiters.splice(0)) wake();
            end = buffer.indexOf('\n\n');
          }
        });
        const ended = new Promise<void>((done) => res.on('end', done));
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          ended,
          close: () => req.destroy(),
          next(event, timeoutMs = 3000) {
            return new Promise((found, fail) => {
              const timer = setTimeout(() => fail(new Error(`no ${event} event`)), timeoutMs);
              const look = () => {
                const index = events.findIndex((e) => e.event === event);
                if (index >= 0) {
                  clearTimeout(timer);
                  found(events.splice(index, 1)[0] as { id?: string; data: unknown });
                } else waiters.push(look);
              };
              look();
            });
          },
        });
      });
      req.on('error', reject);
    });
  }

  describe('live deliveries (Server-Sent Events)', () => {
    test('a webhook POST reaches the admin watching that notification, with status, outcome and reason', async () => {
      const base = await listen(t);
      const login = await loginAdmin(t);
      const { notification, hookPath } = await createNotification(t);
      const other = await t.api.post(`/api/sites/${notification.siteId}/notifications`, { name: 'Other' }).expect(201);
      const stream = await openStream(`${base}/api/notifications/${notification.id}/deliveries/stream`, {
        Cookie: login.cookie,
      });
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(stream.headers['cache-control']).toBe('no-store');

      await request(t.app)
        .post(`/hooks/${other.body.ingestToken}`)
        .send({ email: 'elsewhere@example.com' })
        .expect(200);
      await request(t.app).post(hookPath).send({ email: 'live@example.com', productName: 'Hat' }).expect(200);
      await request(t.app).post(hookPath).send({ name: 'no email here' }).expect(200);

      const accepted = await stream.next('delivery');
      expect(accepted.data).toMatchObject({
        notificationId: notification.id,
        status: 200,
        outcome: 'accepted',
        method: 'POST',
      });
      expect(accepted.id).toBe(String((accepted.data as { id: number }).id));
      const ignored = await stream.next('delivery');
      expect(ignored.data).toMatchObject({ outcome: 'ignored', reason: expect.any(String) });
      // Only summaries travel: no body, no headers.
      expect(accepted.data).not.toHaveProperty('bodyText');
      expect(accepted.data).not.toHaveProperty('headers');
      await expect(stream.next('delivery', 300)).rejects.toThrow(); // nothing from the other notification
      stream.close();
    });

    test('a reconnect with Last-Event-ID gets what it missed', async () => {
      const base = await listen(t);
      const { notification, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).send({ email: 'one@example.com' }).expect(200);
      await request(t.app).post(hookPath).send({ email: 'two@example.com' }).expect(200);
      const [newest, older] = (await t.api.get(`/api/notifications/${notification.id}/deliveries/summaries`)).body
        .deliveries;
      const stream = await openStream(`${base}/api/notifications/${notification.id}/deliveries/stream`, {
        Authorization: `Bearer ${ADMIN_TOKEN}`,
        'Last-Event-ID': String(older.id),
      });
      expect((await stream.next('delivery')).data).toMatchObject({ id: newest.id });
      stream.close();
    });

    test('without a session it is a 401; shutting the realtime side down ends open streams', async () => {
      const base = await listen(t);
      const { notification } = await createNotification(t);
      const refused = await openStream(`${base}/api/notifications/${notification.id}/deliveries/stream`, {});
      expect(refused.status).toBe(401);
      refused.close();

      const login = await loginAdmin(t);
      const stream = await openStream(`${base}/api/notifications/${notification.id}/deliveries/stream`, {
        Cookie: login.cookie,
      });
      expect(stream.status).toBe(200);
      // Otherwise an open inspector tab would hold the HTTP server open through a SIGTERM.
      t.realtime.close();
      await stream.ended;
    });
  });

  describe('list reads', () => {
    test('the site overview gives each notification its last delivery and conversions of 24 hours', async () => {
      const { site, notification, hookPath } = await createNotification(t);
      const quiet = await t.api.post(`/api/sites/${site.id}/notifications`, { name: 'Quiet' }).expect(201);
      await request(t.app).post(hookPath).send({ email: 'old@example.com' }).expect(200);
      t.clock.advance(25 * 60 * 60 * 1000);
      await request(t.app).post(hookPath).send({ email: 'new@example.com' }).expect(200);
      await request(t.app).post(hookPath).send({ nothing: true }).expect(200);

      const res = await t.api.get(`/api/sites/${site.id}/overview`).expect(200);
      expect(res.body.notifications).toEqual([
        {
          id: notification.id,
          lastDelivery: {
            id: expect.any(Number),
            receivedAt: t.clock.now(),
            status: 200,
            outcome: 'ignored',
            reason: expect.any(String),
          },
          conversions24h: 1,
        },
        { id: quiet.body.id, lastDelivery: null, conversions24h: 0 },
      ]);
      await t.api.get('/api/sites/999/overview').expect(404);
    });

    test('delivery summaries page newest first without bodies', async () => {
      const { notification, hookPath } = await createNotification(t);
      for (let i = 0; i < 3; i++)
        await request(t.app)
          .post(hookPath)
          .send({ email: `p${i}@example.com` })
          .expect(200);
      const first = await t.api.get(`/api/notifications/${notification.id}/deliveries/summaries?limit=2`).expect(200);
      expect(first.body.deliveries).toHaveLength(2);
      expect(first.body.deliveries[0]).not.toHaveProperty('bodyText');
      expect(first.body.deliveries[0].id).toBeGreaterThan(first.body.deliveries[1].id);
      const rest = await t.api
        .get(`/api/notifications/${notification.id}/deliveries/summaries?limit=2&beforeId=${first.body.nextBeforeId}`)
        .expect(200);
      expect(rest.body.deliveries).toHaveLength(1);
      expect(rest.body.nextBeforeId).toBeNull();
    });
  });
});
