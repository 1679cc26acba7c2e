// Visits and goals over the widget socket: the settings arrive after the handshake, the report counts
// exactly what widgets sent, malformed goals are dropped, values are capped, and visits and goals are
// limited per connection and per client address (a page that reconnects gets no fresh budget).
import request from 'supertest';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { WidgetGoalSettings } from '../../shared/protocol.ts';
import {
  MAX_GOAL_EVENTS_PER_ADDRESS_PER_SITE_PER_MINUTE,
  MAX_GOAL_EVENTS_PER_CONNECTION_PER_MINUTE,
} from '../../server/goals/goal-events.ts';
import { ADMIN_TOKEN, type TestApp, createNotification, createTestApp } from '../support/test-app.ts';
import { type WidgetClient, connectWidget, listen, waitFor, waitForGoalSettings } from '../support/widget-client.ts';

let t: TestApp;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  t.realtime.close();
  await new Promise((resolve) => t.io.close(resolve));
  t.close();
});

/** A widget socket with its goal settings already received (they come right after the handshake). */
async function open(baseUrl: string, key: string): Promise<{ widget: WidgetClient; settings: WidgetGoalSettings }> {
  const widget = connectWidget(baseUrl, { key });
  cleanups.push(() => widget.disconnect());
  const settings = waitForGoalSettings(widget);
  await waitFor(widget, 'widget:ready');
  return { widget, settings: await settings };
}

/**
 * Sends an impression after the goal events: the socket's messages are handled in order and stats have
 * a budget of their own, so once the impression is counted, every earlier message has been handled.
 */
async function settle(widget: WidgetClient, notificationId: number) {
  const impressions = async () =>
    (await t.api.get(`/api/notifications/${notificationId}/stats`)).body.windows['24h'].impressions as number;
  const before = await impressions();
  widget.emit('stat:record', { type: 'impression', notificationId });
  await vi.waitFor(async () => expect(await impressions()).toBe(before + 1));
}

/** Goals are off until the owner turns them on. */
const enableGoals = (siteId: number) =>
  request(t.app)
    .put(`/api/sites/${siteId}/goals/settings`)
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
    .send({ enabled: true })
    .expect(200);

const report = async (siteId: number) => (await t.api.get(`/api/sites/${siteId}/goals/report?window=7d`)).body;

describe('goal events over the widget socket', () => {
  test('each widget gets the site goal settings right after its handshake', async () => {
    t = createTestApp();
    const baseUrl = await listen(t);
    const { site } = await createNotification(t);
    await request(t.app)
      .put(`/api/sites/${site.id}/goals/settings`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({
        enabled: true,
        urlGoals: [{ name: 'signup', path: '/thank-you*' }],
        attributionWindowDays: 3,
        controlPercent: 20,
      })
      .expect(200);
    const { settings } = await open(baseUrl, site.widgetKey);
    expect(settings).toEqual({
      enabled: true,
      controlPercent: 20,
      windowDays: 3,
      urlGoals: [{ name: 'signup', path: '/thank-you*' }],
    });
  });

  test('the report counts the visits and goals widgets sent, per group, with the clicked notification', async () => {
    t = createTestApp();
    const baseUrl = await listen(t);
    const { site, notification } = await createNotification(t);
    await enableGoals(site.id);
    const { widget } = await open(baseUrl, site.widgetKey);
    for (const exposure of ['exposed', 'clicked', 'exposed', 'unexposed', 'control', 'control'] as const) {
      widget.emit('visit:record', { exposure });
    }
    widget.emit('goal:record', {
      goal: 'signup',
      value: 49.9,
      exposure: 'clicked',
      first: true,
      notificationId: notification.id,
    });
    widget.emit('goal:record', { goal: 'signup', value: 10, exposure: 'exposed', first: true });
    widget.emit('goal:record', { goal: 'signup', value: 0, exposure: 'control', first: true });
    widget.emit('goal:record', { goal: 'signup', value: 0, exposure: 'control', first: false });
    await settle(widget, notification.id);
    const body = await report(site.id);
    expect(body.visitors).toEqual({ exposed: 2, clicked: 1, unexposed: 1, control: 2 });
    expect(body.goals).toHaveLength(1);
    expect(body.goals[0].goal).toBe('signup');
    expect(body.goals[0].groups).toEqual({
      exposed: { visitors: 2, completions: 2, converters: 2, conversionRate: 1, value: 59.9 },
      clicked: { visitors: 1, completions: 1, converters: 1, conversionRate: 1, value: 49.9 },
      unexposed: { visitors: 1, completions: 0, converters: 0, conversionRate: 0, value: 0 },
      control: { visitors: 2, completions: 2, converters: 1, conversionRate: 0.5, value: 0 },
    });
    expect(body.goals[0].uplift).toMatchObject({
      verdict: 'too-small',
      summary: 'Too small to tell: the exposed group has 2 visitors (30 needed).',
    });
    expect(body.notifications).toEqual([
      {
        notificationId: notification.id,
        name: 'Recent purchases',
        impressions: 1,
        clicks: 0,
        goals: [{ goal: 'signup', completions: 1, value: 49.9 }],
      },
    ]);
  });

  test('malformed goals are dropped, values over 1,000,000 are capped, foreign notification ids are not kept', async () => {
    t = createTestApp();
    const baseUrl = await listen(t);
    const { site, notification } = await createNotification(t);
    await enableGoals(site.id);
    const { widget } = await open(baseUrl, site.widgetKey);
    const send = (goal: unknown) =>
      (widget as unknown as { emit(e: string, v: unknown): void }).emit('goal:record', goal);
    send({ goal: 'Sign Up', value: 1, exposure: 'exposed', first: true });
    send({ goal: 'a'.repeat(65), value: 1, exposure: 'exposed', first: true });
    send({ goal: 'signup', value: -1, exposure: 'exposed', first: true });
    send({ goal: 'signup', value: null, exposure: 'exposed', first: true }); // NaN and Infinity arrive as null
    send({ goal: 'signup', value: '5', exposure: 'exposed', first: true });
    send({ goal: 'signup', value: 1, exposure: 'everyone', first: true });
    send('signup');
    send({ goal: 'buy', value: 5_000_000, exposure: 'exposed', first: true });
    send({ goal: 'buy', value: 1, exposure: 'clicked', first: true, notificationId: notification.id + 100 });
    (widget as unknown as { emit(e: string, v: unknown): void }).emit('visit:record', { exposure: 'someone' });
    await settle(widget, notification.id);
    const body = await report(site.id);
    expect(body.visitors).toEqual({ exposed: 0, clicked: 0, unexposed: 0, control: 0 });
    expect(body.goals.map((goal: { goal: string }) => goal.goal)).toEqual(['buy']);
    expect(body.goals[0].groups.exposed).toMatchObject({ completions: 2, value: 1_000_001 });
    expect(body.notifications[0].goals).toEqual([]);
  });

  test('a site with goals off counts nothing a widget sends', async () => {
    t = createTestApp();
    const baseUrl = await listen(t);
    const { site, notification } = await createNotification(t);
    const { widget, settings } = await open(baseUrl, site.widgetKey);
    expect(settings.enabled).toBe(false);
    widget.emit('visit:record', { exposure: 'exposed' });
    widget.emit('goal:record', { goal: 'signup', value: 1, exposure: 'exposed', first: true });
    await settle(widget, notification.id);
    const body = await report(site.id);
    expect(body.visitors).toEqual({ exposed: 0, clicked: 0, unexposed: 0, control: 0 });
    expect(body.goals).toEqual([]);
  });

  test('visits and goals are limited per connection per minute', async () => {
    t = createTestApp();
    const baseUrl = await listen(t);
    const { site, notification } = await createNotification(t);
    await enableGoals(site.id);
    const { widget } = await open(baseUrl, site.widgetKey);
    const budget = MAX_GOAL_EVENTS_PER_CONNECTION_PER_MINUTE;
    for (let i = 0; i < budget + 10; i += 1) widget.emit('visit:record', { exposure: 'unexposed' });
    widget.emit('goal:record', { goal: 'signup', value: 1, exposure: 'unexposed', first: true });
    await settle(widget, notification.id);
    expect((await report(site.id)).visitors.unexposed).toBe(budget);
    expect((await report(site.id)).goals).toEqual([]);

    t.clock.advance(60_000);
    widget.emit('goal:record', { goal: 'signup', value: 1, exposure: 'unexposed', first: true });
    await settle(widget, notification.id);
    expect((await report(site.id)).goals[0].groups.unexposed.completions).toBe(1);
  });

  test('visits and goals are limited per client address and site: new connections share the budget', async () => {
    t = createTestApp();
    const baseUrl = await listen(t);
    const { site, notification } = await createNotification(t);
    await enableGoals(site.id);
    const perConnection = MAX_GOAL_EVENTS_PER_CONNECTION_PER_MINUTE;
    const budget = MAX_GOAL_EVENTS_PER_ADDRESS_PER_SITE_PER_MINUTE;
    const connections = Math.ceil(budget / perConnection) + 1;
    for (let n = 0; n < connections; n += 1) {
      const { widget } = await open(baseUrl, site.widgetKey);
      for (let i = 0; i < perConnection; i += 1) widget.emit('visit:record', { exposure: 'control' });
      await settle(widget, notification.id);
      widget.disconnect();
    }
    expect(connections * perConnection).toBeGreaterThan(budget);
    expect((await report(site.id)).visitors.control).toBe(budget);
  });
});
