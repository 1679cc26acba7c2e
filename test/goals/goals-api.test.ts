// The goals admin API: settings read with defaults, saved when valid, refused with sentences when not;
// the report's window is checked and an empty site reports zeros.
import request from 'supertest';
import { afterEach, describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, type TestApp, createNotification, createTestApp } from '../support/test-app.ts';

let t: TestApp;
afterEach(() => t?.close());

const put = (url: string, body: unknown) =>
  request(t.app)
    .put(url)
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
    .send(body as object);

describe('goal settings API', () => {
  test('a site without saved settings reads the defaults: off, no URL goals, 7 days, no control group', async () => {
    t = createTestApp();
    const { site } = await createNotification(t);
    const res = await t.api.get(`/api/sites/${site.id}/goals/settings`).expect(200);
    expect(res.body).toEqual({ enabled: false, urlGoals: [], attributionWindowDays: 7, controlPercent: 0 });
  });

  test('valid settings are saved and read back, with defaults for what was left out', async () => {
    t = createTestApp();
    const { site } = await createNotification(t);
    const body = {
      enabled: true,
      urlGoals: [{ name: 'signup', path: '/thank-you*', value: 49.9 }],
      controlPercent: 10,
    };
    const saved = await put(`/api/sites/${site.id}/goals/settings`, body).expect(200);
    expect(saved.body).toEqual({ ...body, attributionWindowDays: 7 });
    const read = await t.api.get(`/api/sites/${site.id}/goals/settings`).expect(200);
    expect(read.body).toEqual({ ...body, attributionWindowDays: 7 });
  });

  test.each([
    [{ controlPercent: 60 }, 'The control group share (per cent) must be at most 50.'],
    [{ controlPercent: -1 }, 'The control group share (per cent) must be at least 0.'],
    [{ attributionWindowDays: 0 }, 'The attribution window in days must be at least 1.'],
    [{ attributionWindowDays: 2.5 }, 'The attribution window in days must be a whole number.'],
    [{ colour: 'red' }, 'Unknown field "colour": check the spelling.'],
    [{ enabled: 'yes' }, 'Whether goals are counted must be true or false.'],
    [
      { urlGoals: [{ name: 'Sign Up!', path: '/thanks' }] },
      'The goal name (entry 1) must be 1 to 64 lower-case letters, digits, "-" or "_", such as "signup".',
    ],
    [
      { urlGoals: [{ name: 'a'.repeat(65), path: '/thanks' }] },
      'The goal name (entry 1) must be 1 to 64 lower-case letters, digits, "-" or "_", such as "signup".',
    ],
    [
      { urlGoals: [{ name: 'signup', path: 'thanks' }] },
      'The goal path (entry 1) must be a path that starts with "/", such as "/thank-you*", without spaces.',
    ],
    [
      { urlGoals: [{ name: 'signup', path: '/t', value: 2_000_000 }] },
      'The goal value (entry 1) must be at most 1000000.',
    ],
    [{ urlGoals: [{ name: 'signup', path: '/t', value: -5 }] }, 'The goal value (entry 1) must be at least 0.'],
    [
      {
        urlGoals: [
          { name: 'signup', path: '/t' },
          { name: 'buy', path: '/t' },
        ],
      },
      'The goal path "/t" is listed twice: keep one.',
    ],
  ])('%j is refused with a sentence', async (body, message) => {
    t = createTestApp();
    const { site } = await createNotification(t);
    const res = await put(`/api/sites/${site.id}/goals/settings`, body).expect(400);
    expect(res.body.error).toEqual({ code: 'invalid-input', message });
    // Nothing was saved.
    const read = await t.api.get(`/api/sites/${site.id}/goals/settings`).expect(200);
    expect(read.body.controlPercent).toBe(0);
  });

  test('an unknown site is a 404 for settings and report', async () => {
    t = createTestApp();
    await t.api.get('/api/sites/999/goals/settings').expect(404);
    await put('/api/sites/999/goals/settings', {}).expect(404);
    await t.api.get('/api/sites/999/goals/report').expect(404);
  });

  test('the report accepts 7d and 30d only, and an empty site reports zero visitors and no goals', async () => {
    t = createTestApp();
    const { site, notification } = await createNotification(t);
    const bad = await t.api.get(`/api/sites/${site.id}/goals/report?window=90d`).expect(400);
    expect(bad.body.error.message).toBe('The report window must be one of "7d", "30d".');
    const res = await t.api.get(`/api/sites/${site.id}/goals/report?window=30d`).expect(200);
    expect(res.body).toEqual({
      siteId: site.id,
      window: '30d',
      sinceDay: '2026-10-25',
      visitors: { exposed: 0, clicked: 0, unexposed: 0, control: 0 },
      goals: [],
      notifications: [
        { notificationId: notification.id, name: 'Recent purchases', impressions: 0, clicks: 0, goals: [] },
      ],
    });
  });
});
