// Conversions are found by part of an email, a first or last name (or both), a product or a place,
// in any case; % and _ are plain characters; an exact ?email= still finds only that email.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';

let t: AnyTestApp;

const PEOPLE = [
  {
    email: 'grace.hopper@example.com',
    firstName: 'Grace',
    lastName: 'Hopper',
    productName: 'Compiler',
    city: 'Arlington',
  },
  { email: 'ada@example.org', firstName: 'Ada', lastName: 'Lovelace', productName: 'Engine 100%_pro', city: 'London' },
  { email: 'alan@example.net', firstName: 'Alan', lastName: 'Turing', productName: 'Bombe', city: 'Wilmslow' },
];

describe.each(appBackends('conversion search'))('on $name', (backend) => {
  let notificationId: number;

  beforeEach(async () => {
    t = await backend.createApp();
    const { notification, hookPath } = await createNotification(t);
    notificationId = notification.id;
    for (const person of PEOPLE) {
      await request(t.app)
        .post(hookPath)
        .send({ ...person, countryCode: 'GB' })
        .expect(200);
    }
  });
  afterEach(() => t.close());

  const search = async (query: string) => {
    const res = await t.api.get(`/api/notifications/${notificationId}/conversions?${query}`).expect(200);
    return res.body.conversions.map((c: { email: string }) => c.email);
  };

  test.each([
    ['q=grace', ['grace.hopper@example.com']],
    ['q=GRACE', ['grace.hopper@example.com']],
    ['q=hopper', ['grace.hopper@example.com']],
    ['q=grace%20hopper', ['grace.hopper@example.com']],
    ['q=lovel', ['ada@example.org']],
    ['q=bomb', ['alan@example.net']],
    ['q=london', ['ada@example.org']],
    ['q=example.org', ['ada@example.org']],
    ['q=a', ['alan@example.net', 'ada@example.org', 'grace.hopper@example.com']],
    ['q=100%25_', ['ada@example.org']],
    ['q=%25', ['ada@example.org']],
    ['q=_', ['ada@example.org']],
    ['q=nobody', []],
    ['q=%20%20', ['alan@example.net', 'ada@example.org', 'grace.hopper@example.com']],
    ['email=grace', []],
    ['email=GRACE.HOPPER@example.com', ['grace.hopper@example.com']],
  ])('?%s', async (query, emails) => {
    expect(await search(query)).toEqual(emails);
  });

  test('a search pages like the list: newest first, limit and beforeId', async () => {
    const first = await t.api.get(`/api/notifications/${notificationId}/conversions?q=example&limit=2`).expect(200);
    expect(first.body.conversions).toHaveLength(2);
    const next = await t.api
      .get(`/api/notifications/${notificationId}/conversions?q=example&limit=2&beforeId=${first.body.nextBeforeId}`)
      .expect(200);
    expect(next.body.conversions.map((c: { email: string }) => c.email)).toEqual(['grace.hopper@example.com']);
  });
});
