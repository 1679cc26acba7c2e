// Old events: a conversion whose own time is older than the notification's history window
// (historyMaxAgeMs, 7 days by default) is stored but not pushed live, where it would pop up as news
// from long ago; within the window it is pushed as usual.
import request from 'supertest';
import { beforeEach, describe, expect, test } from 'vitest';
import { appBackends } from '../support/app-backends.ts';
import { useRealtimeApp } from '../support/realtime-harness.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';
import { collectUntil, waitFor } from '../support/widget-client.ts';

let t: AnyTestApp;
let baseUrl: string;
const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(appBackends('old events'))('on $name', (backend) => {
  const harness = useRealtimeApp(backend);
  beforeEach(() => {
    ({ t, baseUrl } = harness);
  });

  const event = (firstName: string, ageMs: number) => ({
    email: `${firstName.toLowerCase()}.garcia@example.com`,
    firstName,
    timestamp: t.clock.now() - ageMs,
  });

  async function pushedNames(hookPath: string, widgetKey: string, events: object[]) {
    const widget = harness.open(baseUrl, { key: widgetKey });
    await waitFor(widget, 'widget:ready');
    // The last event is always fresh: everything pushed before it has arrived by the time it does.
    const got = collectUntil(widget, 'conversion:created', (c) => c.firstName === 'Zoe');
    for (const body of [...events, event('Zoe', 0)]) await request(t.app).post(hookPath).send(body).expect(200);
    return (await got).map((c) => c.firstName);
  }

  test('an event from years ago is stored but not pushed', async () => {
    const { notification, site, hookPath } = await createNotification(t);
    const names = await pushedNames(hookPath, site.widgetKey, [event('Ancient', 8 * 365 * DAY_MS)]);
    expect(names).toEqual(['Zoe']);
    const stored = (await t.api.get(`/api/notifications/${notification.id}/conversions`)).body.conversions;
    expect(stored.map((c: { firstName: string }) => c.firstName)).toEqual(['Zoe', 'Ancient']);
  });

  test("the window is the notification's own: 8 days old is too old by default, not with a 30-day window", async () => {
    const first = await createNotification(t);
    expect(await pushedNames(first.hookPath, first.site.widgetKey, [event('Week', 8 * DAY_MS)])).toEqual(['Zoe']);

    const second = await createNotification(t);
    await t.api
      .patch(`/api/notifications/${second.notification.id}`, { display: { historyMaxAgeMs: 30 * DAY_MS } })
      .expect(200);
    const names = await pushedNames(second.hookPath, second.site.widgetKey, [event('Week', 8 * DAY_MS)]);
    expect(names).toEqual(['Week', 'Zoe']);
  });

  test('an event from a few minutes ago is pushed', async () => {
    const { site, hookPath } = await createNotification(t);
    expect(await pushedNames(hookPath, site.widgetKey, [event('Recent', 5 * 60_000)])).toEqual(['Recent', 'Zoe']);
  });
});
