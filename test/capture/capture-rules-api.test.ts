// The admin API for capture rules: what is stored, and the 400 sentences for what cannot be.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type TestApp, createNotification, createTestApp } from '../support/test-app.ts';

let t: TestApp;
let siteId: number;
let notificationId: number;

beforeEach(async () => {
  t = createTestApp();
  const made = await createNotification(t, { kind: 'stream' });
  siteId = made.site.id;
  notificationId = made.notification.id;
});
afterEach(() => t.close());

const rulesUrl = () => `/api/sites/${siteId}/capture-rules`;
const rule = (patch: object = {}) => ({ path: '/signup*', selector: 'form#signup', notificationId, ...patch });

describe('capture rules API', () => {
  test('a rule is added, listed, read, changed and deleted', async () => {
    const created = await t.api.post(rulesUrl(), rule()).expect(201);
    expect(created.body).toMatchObject({ id: 1, siteId, path: '/signup*', selector: 'form#signup', notificationId });
    const listed = await t.api.get(rulesUrl()).expect(200);
    expect(listed.body).toEqual({ rules: [created.body], maxRules: 20 });
    await t.api.get(`${rulesUrl()}/1`).expect(200, created.body);
    const changed = await t.api.patch(`${rulesUrl()}/1`, { selector: '.newsletter form' }).expect(200);
    expect(changed.body).toMatchObject({ path: '/signup*', selector: '.newsletter form' });
    await t.api.delete(`${rulesUrl()}/1`).expect(204);
    expect((await t.api.get(rulesUrl()).expect(200)).body.rules).toEqual([]);
    await t.api.delete(`${rulesUrl()}/1`).expect(404);
  });

  test('a selector the browser would refuse is a 400 that names it and what is wrong', async () => {
    const cases: Array<[string, string]> = [
      [
        'form[',
        'The form selector "form[" is not valid CSS selector syntax: "[" must be followed by an attribute name.',
      ],
      [
        'form >',
        'The form selector "form >" is not valid CSS selector syntax: a combinator must be followed by a selector.',
      ],
      ['form:not(.a', 'The form selector "form:not(.a" is not valid CSS selector syntax: a "(" is never closed.'],
      [
        'form::before',
        'The form selector "form::before" is not valid CSS selector syntax: pseudo-elements (::before…) never match a form.',
      ],
    ];
    for (const [selector, message] of cases) {
      const answer = await t.api.post(rulesUrl(), rule({ selector })).expect(400);
      expect(answer.body.error).toEqual({ code: 'invalid-input', message });
    }
    for (const selector of [
      'form#signup',
      'div.signup > form',
      'form[action="/join"]',
      'form:has(input[type=email])',
    ]) {
      await t.api.post(rulesUrl(), rule({ selector })).expect(201);
    }
  });

  test('a notification of another site, a live-visitors one or none at all is refused in a sentence', async () => {
    const other = await createNotification(t, { kind: 'stream' });
    const foreign = await t.api.post(rulesUrl(), rule({ notificationId: other.notification.id })).expect(400);
    expect(foreign.body.error.message).toBe(
      `Notification ${other.notification.id} is not a notification of the site "Sneaker Shop": choose one of this site's notifications.`,
    );
    const visitors = await t.api
      .post(`/api/sites/${siteId}/notifications`, { name: 'Live now', kind: 'visitors' })
      .expect(201);
    const wrongKind = await t.api.post(rulesUrl(), rule({ notificationId: visitors.body.id })).expect(400);
    expect(wrongKind.body.error.message).toBe(
      'The notification "Live now" is a live-visitors notification, which takes no webhooks: choose a stream or a conversion counter.',
    );
    const missing = await t.api.post(rulesUrl(), { path: '/signup', selector: 'form' }).expect(400);
    expect(missing.body.error.message).toBe('Choose the notification that stores the captured forms (notificationId).');
  });

  test('page patterns are paths; unknown fields are named', async () => {
    const noSlash = await t.api.post(rulesUrl(), rule({ path: 'signup' })).expect(400);
    expect(noSlash.body.error.message).toBe(
      'The page pattern is matched against the path of the page: start it with / (such as /signup*), or * for every page.',
    );
    const query = await t.api.post(rulesUrl(), rule({ path: '/signup?x=1' })).expect(400);
    expect(query.body.error.message).toBe('The page pattern is matched against the path only: leave out ? and #.');
    const extra = await t.api.post(rulesUrl(), rule({ fields: ['email'] })).expect(400);
    expect(extra.body.error.message).toBe('Unknown field "fields": check the spelling.');
  });

  test('a site has at most 20 rules, also when they are added at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 22 }, (_, i) => t.api.post(rulesUrl(), rule({ path: `/page-${i}` }))),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(20);
    const refused = answers.filter((a) => a.status === 400);
    expect(refused).toHaveLength(2);
    expect(refused[0]?.body.error.message).toBe(
      'A site can have at most 20 capture rules: delete one before adding another.',
    );
    expect((await t.api.get(rulesUrl())).body.rules).toHaveLength(20);
  });

  test('an unknown site or rule is a 404', async () => {
    await t.api.get(`/api/sites/${siteId + 50}/capture-rules`).expect(404);
    await t.api.patch(`${rulesUrl()}/7`, { path: '/x' }).expect(404);
    await t.api.get(`${rulesUrl()}/abc`).expect(404);
  });
});
