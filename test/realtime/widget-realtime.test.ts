// Socket tests with a real socket.io-client against the real server: backfill, live push,
// counters, live visitors, reconnect catch-up, and no personal data in any frame.
import request from 'supertest';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { appBackends } from '../support/app-backends.ts';
import { type RealtimeHarness, useRealtimeApp } from '../support/realtime-harness.ts';
import { TEST_TIMEOUT_MS } from '../support/wait.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';
import { recordFrames, waitFor, waitForConnectError, waitForGoalSettings } from '../support/widget-client.ts';

let t: AnyTestApp;
let baseUrl: string;
let open: RealtimeHarness['open'];

describe.each(appBackends('widget realtime'))('on $name', (backend) => {
  const harness = useRealtimeApp(backend);
  beforeEach(() => {
    ({ t, baseUrl, open } = harness);
  });

  const maria = {
    email: 'maria.garcia@example.com',
    ip: '203.0.113.9',
    firstName: 'Maria',
    lastName: 'Garcia',
    city: 'Austin',
    countryCode: 'US',
    products: [
      { name: 'Socks', price: 5 },
      {
        name: 'Sneakers',
        price: 120,
        link: 'https://shop.example.com/sneakers',
        image: 'https://shop.example.com/s.png',
      },
      { name: 'Laces', price: 2 },
    ],
  };

  describe('widget realtime', () => {
    test('an unknown widget key gets a connect_error with a clear message', async () => {
      const error = await waitForConnectError(open(baseUrl, { key: 'pk_nope' }));
      expect(error.message).toMatch(/unknown widget key/i);
    });

    test('an ingest token is not a widget key', async () => {
      const { token } = await createNotification(t);
      const error = await waitForConnectError(open(baseUrl, { key: token }));
      expect(error.message).toMatch(/unknown widget key/i);
    });

    test('allowed origins are enforced when set', async () => {
      const { site } = await createNotification(t);
      await t.api.patch(`/api/sites/${site.id}`, { allowedOrigins: ['https://shop.example.com'] }).expect(200);
      const refused = await waitForConnectError(
        open(baseUrl, { key: site.widgetKey }, { origin: 'https://evil.example' }),
      );
      expect(refused.message).toContain('https://evil.example');
      const allowed = open(baseUrl, { key: site.widgetKey }, { origin: 'https://shop.example.com' });
      expect((await waitFor(allowed, 'widget:ready')).notifications).toHaveLength(1);
    });

    test('on connect a widget gets its notifications and a backfill of recent conversions, newest first', async () => {
      const { site, hookPath } = await createNotification(t);
      for (const email of ['anna.berg@example.com', 'ben.cole@example.com', 'cleo.diaz@example.com']) {
        await request(t.app).post(hookPath).send({ email, productName: 'Hat' }).expect(200);
      }
      const ready = await waitFor(open(baseUrl, { key: site.widgetKey }), 'widget:ready');
      expect(ready.serverTime).toBe(t.clock.now());
      expect(ready.notifications[0]).toMatchObject({ kind: 'stream', display: { displayMs: 6000 } });
      expect(ready.conversions.map((c) => c.firstName)).toEqual(['Cleo', 'Ben', 'Anna']);
      expect(ready.conversions[0]).toMatchObject({ message: 'purchased Hat', title: 'Cleo D.' });
    });

    test('the backfill respects the history limit and age', async () => {
      const { site, notification, hookPath } = await createNotification(t);
      await t.api.patch(`/api/notifications/${notification.id}`, {
        display: { historyLimit: 2, historyMaxAgeMs: 3_600_000 },
      });
      await request(t.app)
        .post(hookPath)
        .send({ email: 'old@example.com', timestamp: t.clock.now() - 7_200_000 });
      for (const email of ['xena.ames@example.com', 'yuri.bell@example.com', 'zack.cruz@example.com']) {
        await request(t.app).post(hookPath).send({ email }).expect(200);
      }
      const ready = await waitFor(open(baseUrl, { key: site.widgetKey }), 'widget:ready');
      expect(ready.conversions.map((c) => c.firstName)).toEqual(['Zack', 'Yuri']);
    });

    // How fast is `npm run bench`'s question (POST → last widget), never a timer's here.
    test('a new conversion is pushed live once the ingest commits', async () => {
      const { site, notification, hookPath } = await createNotification(t);
      const widget = open(baseUrl, { key: site.widgetKey });
      await waitFor(widget, 'widget:ready');
      const pushed = waitFor(widget, 'conversion:created');
      await request(t.app).post(hookPath).send(maria).expect(200);
      const conversion = await pushed;
      const stored = await t.api.get(`/api/notifications/${notification.id}/conversions`).expect(200);
      expect(conversion.id).toBe(stored.body.conversions[0].id);
      expect(conversion).toMatchObject({
        title: 'Maria G. from Austin, US',
        message: 'purchased Sneakers and 2 more',
        productLink: 'https://shop.example.com/sneakers',
        productImage: 'https://shop.example.com/s.png',
        lastInitial: 'G',
      });
    });

    test('widgets of another site hear nothing', async () => {
      const a = await createNotification(t);
      const b = await createNotification(t);
      const other = open(baseUrl, { key: b.site.widgetKey });
      await waitFor(other, 'widget:ready');
      const heard: string[] = [];
      other.on('conversion:created', (conversion) => heard.push(conversion.title));
      const mine = open(baseUrl, { key: a.site.widgetKey });
      await waitFor(mine, 'widget:ready');
      const pushed = waitFor(mine, 'conversion:created');
      await request(t.app).post(a.hookPath).send(maria).expect(200);
      await pushed;
      // Site b's own conversion, pushed after a's: whatever b's widget heard of a's came before it.
      const own = waitFor(other, 'conversion:created');
      await request(t.app).post(b.hookPath).send({ email: 'bob.stone@example.com' }).expect(200);
      await own;
      expect(heard).toEqual(['Bob S.']);
    });

    test('no email, IP, full last name or raw payload ever appears in a frame', async () => {
      const { site, hookPath } = await createNotification(t);
      const widget = open(baseUrl, { key: site.widgetKey });
      const frames = recordFrames(widget);
      // Listen before posting: on a slow backend the snapshot can arrive while the POST is in flight.
      const ready = waitFor(widget, 'widget:ready');
      await request(t.app).post(hookPath).send(maria).expect(200);
      await ready;
      const live = waitFor(widget, 'conversion:created');
      await request(t.app)
        .post(hookPath)
        .send({ ...maria, email: 'second.buyer@example.com', ip: '198.51.100.7' });
      await live;
      const wire = frames.join('\n');
      expect(wire).toContain('Maria');
      for (const secret of [
        'maria.garcia@example.com',
        'second.buyer',
        '@example.com',
        '203.0.113.9',
        '198.51.100.7',
        'Garcia',
        '"price"',
      ]) {
        expect(wire).not.toContain(secret);
      }
    });

    test('a conversion counter is sent on connect, updated live, and hidden below the minimum', async () => {
      const { site, notification, hookPath } = await createNotification(t, { kind: 'conversion' });
      await t.api.patch(`/api/notifications/${notification.id}`, { display: { minimumCount: 3 } });
      await request(t.app).post(hookPath).expect(200);
      await request(t.app).post(hookPath).expect(200);
      const widget = open(baseUrl, { key: site.widgetKey });
      const ready = await waitFor(widget, 'widget:ready');
      expect(ready.counters).toEqual([
        { notificationId: notification.id, count: 2, windowMs: 86_400_000, message: '' },
      ]);
      const updated = waitFor(widget, 'counter:updated');
      await request(t.app).post(hookPath).expect(200);
      expect(await updated).toMatchObject({ count: 3, message: '3 people signed up in the last 24 hours' });
    });

    test('the counter window is rolling', async () => {
      const { site, hookPath } = await createNotification(t, { kind: 'conversion' });
      for (let i = 0; i < 4; i += 1) await request(t.app).post(hookPath).expect(200);
      t.clock.advance(25 * 60 * 60 * 1000);
      await request(t.app).post(hookPath).expect(200);
      const ready = await waitFor(open(baseUrl, { key: site.widgetKey }), 'widget:ready');
      expect(ready.counters[0]?.count).toBe(1);
    });

    test('live visitors are the real number of connected widgets, hidden below the minimum', async () => {
      const { site } = await createNotification(t);
      await t.api.post(`/api/sites/${site.id}/notifications`, {
        name: 'Visitors',
        kind: 'visitors',
        display: { minimumCount: 2 },
      });
      const first = open(baseUrl, { key: site.widgetKey });
      expect((await waitFor(first, 'widget:ready')).visitors).toBeNull();
      const second = open(baseUrl, { key: site.widgetKey });
      await waitFor(second, 'widget:ready');
      expect(await waitFor(first, 'visitors:updated')).toEqual({
        count: 2,
        message: '2 people are viewing this site right now',
      });
      second.disconnect();
      expect(await waitFor(first, 'visitors:updated')).toBeNull();
    });

    test('without a visitors notification, widgets coming and going push nothing to the others', async () => {
      const { site, hookPath } = await createNotification(t);
      const first = open(baseUrl, { key: site.widgetKey });
      expect((await waitFor(first, 'widget:ready')).visitors).toBeNull();
      const updates: unknown[] = [];
      first.on('visitors:updated', (value: unknown) => updates.push(value));
      // Arrivals in two separate coalescing windows (1 s each, on fake timers), then a departure.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        await waitFor(open(baseUrl, { key: site.widgetKey }), 'widget:ready');
        await vi.advanceTimersByTimeAsync(1000);
        const third = open(baseUrl, { key: site.widgetKey });
        await waitFor(third, 'widget:ready');
        third.disconnect();
        await vi.waitFor(() => expect(t.realtime.countVisitors(site.id)).toBe(2), {
          timeout: TEST_TIMEOUT_MS,
          interval: 10,
        });
        await vi.advanceTimersByTimeAsync(1000);
      } finally {
        vi.useRealTimers();
      }
      // A conversion pushed after both windows closed: any visitor push came before it.
      const pushed = waitFor(first, 'conversion:created');
      await request(t.app).post(hookPath).send(maria).expect(200);
      await pushed;
      // At most the one "no visitors" the site's widgets already had from their snapshot.
      expect(updates.length).toBeLessThanOrEqual(1);
      expect(updates.every((value) => value === null)).toBe(true);
    });

    test('after a reconnect the widget catches up on what it missed, without repeats', async () => {
      const { site, hookPath } = await createNotification(t);
      await request(t.app).post(hookPath).send({ email: 'seen@example.com' }).expect(200);
      const first = open(baseUrl, { key: site.widgetKey });
      const ready = await waitFor(first, 'widget:ready');
      const lastSeen = ready.conversions[0]?.id as number;
      first.disconnect();
      await request(t.app).post(hookPath).send({ email: 'missed.one@example.com' }).expect(200);
      await request(t.app).post(hookPath).send({ email: 'missed.two@example.com' }).expect(200);
      const again = await waitFor(open(baseUrl, { key: site.widgetKey, sinceId: lastSeen }), 'widget:ready');
      expect(again.conversions.map((c) => c.title)).toEqual(['Missed T.', 'Missed O.']);
    });

    test('a paused notification is not shown and pushes nothing', async () => {
      const { site, notification, hookPath } = await createNotification(t);
      await t.api.patch(`/api/notifications/${notification.id}`, { status: 'paused' });
      const widget = open(baseUrl, { key: site.widgetKey });
      expect((await waitFor(widget, 'widget:ready')).notifications).toEqual([]);
      const heard: string[] = [];
      widget.on('conversion:created', (conversion) => heard.push(conversion.title));
      await request(t.app).post(hookPath).send(maria).expect(200);
      // Resumed, the next conversion is pushed: anything pushed while paused would have come first.
      await t.api.patch(`/api/notifications/${notification.id}`, { status: 'active' }).expect(200);
      const resumed = waitFor(widget, 'conversion:created');
      await request(t.app).post(hookPath).send({ email: 'after.pause@example.com' }).expect(200);
      await resumed;
      expect(heard).toEqual(['After P.']);
    });

    test('impressions, clicks and dismisses reach the stats endpoint; junk and other sites are dropped', async () => {
      const { site, notification } = await createNotification(t);
      const other = await createNotification(t);
      const widget = open(baseUrl, { key: site.widgetKey });
      await waitFor(widget, 'widget:ready');
      // Junk first: the server reads one socket's events and stores its stats in order, so once the
      // last good one is counted the junk has been read (and dropped) and the others are counted.
      widget.emit('stat:record', { type: 'impression', notificationId: other.notification.id });
      widget.emit('stat:record', { type: 'hack' as 'click', notificationId: notification.id });
      widget.emit('stat:record', null as never);
      widget.emit('stat:record', { type: 'impression', notificationId: notification.id });
      widget.emit('stat:record', { type: 'impression', notificationId: notification.id });
      widget.emit('stat:record', { type: 'click', notificationId: notification.id });
      widget.emit('stat:record', { type: 'dismiss', notificationId: notification.id });
      const counted = async () =>
        (await t.api.get(`/api/notifications/${notification.id}/stats`).expect(200)).body.windows['24h'];
      await vi.waitFor(async () => expect((await counted()).dismisses).toBe(1), {
        timeout: TEST_TIMEOUT_MS,
        interval: 20,
      });
      expect(await counted()).toMatchObject({
        impressions: 2,
        clicks: 1,
        dismisses: 1,
        clickThroughRate: 0.5,
      });
      const otherStats = await t.api.get(`/api/notifications/${other.notification.id}/stats`).expect(200);
      expect(otherStats.body.windows['24h'].impressions).toBe(0);
    });

    test('a client cannot make the server relay anything to other clients', async () => {
      const { site, hookPath } = await createNotification(t);
      const listener = open(baseUrl, { key: site.widgetKey });
      // Everything the server sends a new widget by itself has arrived before listening starts.
      await Promise.all([waitFor(listener, 'widget:ready'), waitForGoalSettings(listener)]);
      const received: [string, unknown][] = [];
      listener.onAny((event, payload) => received.push([event, payload]));
      const attacker = open(baseUrl, { key: site.widgetKey });
      await waitFor(attacker, 'widget:ready');
      for (const event of ['conversion:created', 'counter:updated', 'message', 'widget:ready']) {
        (attacker as unknown as { emit: (e: string, p: unknown) => void }).emit(event, { title: 'fake purchase' });
      }
      // The attacker's leaving reaches the server after its events, so they have all been read; a
      // real push after that reaches the listener after anything they could have caused.
      attacker.disconnect();
      await vi.waitFor(() => expect(t.realtime.countVisitors(site.id)).toBe(1), {
        timeout: TEST_TIMEOUT_MS,
        interval: 20,
      });
      const real = waitFor(listener, 'conversion:created');
      await request(t.app).post(hookPath).send(maria).expect(200);
      await real;
      expect(JSON.stringify(received)).not.toContain('fake purchase');
      expect(received.map(([event]) => event)).toEqual(['conversion:created']);
    });
  });
});
