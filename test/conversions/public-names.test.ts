// Every name shape a sender sends, through the real webhook route to a real widget socket: the
// frames a visitor's browser receives (the live push and a reconnecting widget's backfill) hold a
// first name and one initial at most, never a full last name, and never a name made up from an
// address that is not clearly first.last.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PublicConversion, WidgetReadyPayload } from '../../shared/protocol.ts';
import { type TestApp, createNotification, createTestApp } from '../support/test-app.ts';
import { connectWidget, listen, recordFrames, waitFor } from '../support/widget-client.ts';

interface NameCase {
  /** How the sender sends it. */
  send: (hookPath: string) => request.Test;
  /** The popup's first line (no location: these requests carry none). */
  title: string;
  /** Text that must not cross the wire: full last names, names made up from addresses. */
  never: string[];
}

const json =
  (body: object, headers: Record<string, string> = {}) =>
  (hookPath: string) =>
    request(t.app).post(hookPath).set(headers).send(body);

const CASES: Array<[string, NameCase]> = [
  [
    'a full name in first_name',
    { send: json({ email: 'buyer@example.com', first_name: 'Jane Doe' }), title: 'Jane D.', never: ['Doe'] },
  ],
  [
    "a full name in Mailchimp's FNAME",
    {
      send: (hookPath) =>
        request(t.app)
          .post(hookPath)
          .set('user-agent', 'MailChimp')
          .type('form')
          .send(
            'type=subscribe&fired_at=2026-11-23+11%3A59%3A00&data%5Bid%5D=8a25ff1d98&data%5Blist_id%5D=a6b5da1054' +
              '&data%5Bemail%5D=subscriber%40example.com&data%5Bmerges%5D%5BEMAIL%5D=subscriber%40example.com' +
              '&data%5Bmerges%5D%5BFNAME%5D=Jane+Doe&data%5Bmerges%5D%5BLNAME%5D=',
          ),
      title: 'Jane D.',
      never: ['Doe'],
    },
  ],
  [
    "a full name in WooCommerce's billing.first_name",
    {
      send: json(
        {
          id: 4821,
          status: 'processing',
          currency: 'EUR',
          total: '74.90',
          billing: { first_name: 'Jane Doe', last_name: '', email: 'buyer@example.com' },
          line_items: [{ name: 'Merino scarf', quantity: 1, price: 69.9, total: '69.90' }],
        },
        {
          'user-agent': 'WooCommerce/8.9.3 Hookshot (WordPress/6.6.2)',
          'x-wc-webhook-source': 'https://shop.example.com/',
          'x-wc-webhook-topic': 'order.created',
          'x-wc-webhook-resource': 'order',
          'x-wc-webhook-event': 'created',
        },
      ),
      title: 'Jane D.',
      never: ['Doe'],
    },
  ],
  [
    'a full name in name',
    {
      send: json({ email: 'sofia@example.com', name: 'Sofía Ramírez' }),
      title: 'Sofía R.',
      never: ['Ramírez', 'Ramirez'],
    },
  ],
  [
    'a handle with digits and no name',
    { send: json({ email: 'jsmith1984@example.com' }), title: 'Someone', never: ['Jsmith', 'jsmith', 'Smith'] },
  ],
  [
    'a random address and no name',
    { send: json({ email: 'lw.mxa4aqn2@example.com' }), title: 'Someone', never: ['Mxa', 'Lw', 'mxa'] },
  ],
  [
    'a first.last address and no name',
    { send: json({ email: 'jane.doe@example.com' }), title: 'Jane D.', never: ['Doe'] },
  ],
  [
    'a hostile first name beside a first.last address',
    {
      send: json({ email: 'jane.doe@example.com', first_name: '<img src=x onerror=alert(1)>' }),
      title: 'Someone',
      never: ['Jane', 'Doe', 'onerror', '<img'],
    },
  ],
  [
    'an apostrophe in the last name',
    {
      send: json({ email: 'sean@example.com', first_name: 'Sean', last_name: "O'Connor" }),
      title: 'Sean O.',
      never: ['Connor'],
    },
  ],
  [
    'a hyphen and a diaeresis in the first name',
    {
      send: json({ email: 'zoe@example.com', first_name: 'Zoë-Anne', last_name: 'Lindqvist' }),
      title: 'Zoë-Anne L.',
      never: ['Lindqvist'],
    },
  ],
  [
    'a name in kanji',
    { send: json({ email: 'taro@example.jp', name: '山田 太郎' }), title: '山田 太.', never: ['太郎'] },
  ],
];

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = createTestApp();
  baseUrl = await listen(t);
});
afterAll(async () => {
  t.realtime.close();
  await new Promise((resolve) => t.io.close(resolve));
  t.close();
});

/** Posts through the real route (with the notification's display rules set first, through the API) and returns what
 * a widget open at the time and one opened afterwards receive. */
async function postAndWatch(send: (hookPath: string) => request.Test, display: object = {}) {
  const { site, notification, hookPath } = await createNotification(t);
  await t.api.patch(`/api/notifications/${notification.id}`, { display }).expect(200);
  const live = connectWidget(baseUrl, { key: site.widgetKey });
  const liveFrames = recordFrames(live);
  await waitFor(live, 'widget:ready');
  const pushed = waitFor(live, 'conversion:created');
  const res = await send(hookPath).expect(200);
  expect(res.body.status, JSON.stringify(res.body)).toBe('accepted');
  const conversion = (await pushed) as PublicConversion;
  const later = connectWidget(baseUrl, { key: site.widgetKey });
  const laterFrames = recordFrames(later);
  const ready = (await waitFor(later, 'widget:ready')) as WidgetReadyPayload;
  live.disconnect();
  later.disconnect();
  return { conversion, ready, wire: [...liveFrames, ...laterFrames].join('\n') };
}

describe('names reaching a widget', () => {
  test.each(CASES)('%s', async (_case, { send, title, never }) => {
    const { conversion, ready, wire } = await postAndWatch(send);
    expect(conversion.title).toBe(title);
    expect(ready.conversions.map((c) => c.title)).toEqual([title]);
    for (const shown of [conversion, ...ready.conversions]) {
      expect(Array.from(shown.lastInitial ?? '').length).toBeLessThanOrEqual(1);
    }
    for (const text of never) expect(wire, `the frames hold "${text}"`).not.toContain(text);
    expect(wire).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });
});

const MARIA = {
  email: 'maria.garcia@example.com',
  firstName: 'Maria',
  lastName: 'Garcia',
  city: 'Austin',
  state: 'Texas',
  countryCode: 'US',
  productName: 'Sneakers',
};

describe("the owner's privacy level, set through the API", () => {
  async function withDisplay(display: object) {
    return postAndWatch((hookPath) => request(t.app).post(hookPath).send(MARIA), display);
  }

  test('the default: first name and initial, city and country', async () => {
    const { conversion, ready } = await withDisplay({});
    expect(conversion).toMatchObject({ firstName: 'Maria', lastInitial: 'G', title: 'Maria G. from Austin, US' });
    expect(ready.conversions[0]?.title).toBe('Maria G. from Austin, US');
  });

  test('first name only', async () => {
    const { conversion, ready, wire } = await withDisplay({ privacy: 'first' });
    expect(conversion.title).toBe('Maria from Austin, US');
    expect(conversion.lastInitial).toBeUndefined();
    expect(ready.conversions[0]?.title).toBe('Maria from Austin, US');
    expect(wire).not.toContain('"lastInitial"');
  });

  test('anonymous', async () => {
    const { conversion, ready, wire } = await withDisplay({ privacy: 'anonymous' });
    expect(conversion.title).toBe('Someone from Austin, US');
    expect(ready.conversions[0]?.title).toBe('Someone from Austin, US');
    expect(wire).not.toContain('Maria');
  });

  test('without the city', async () => {
    const { conversion, ready, wire } = await withDisplay({ showCity: false });
    expect(conversion.title).toBe('Maria G. from United States');
    expect(ready.conversions[0]?.title).toBe('Maria G. from United States');
    expect(wire).not.toMatch(/Austin|Texas/);
  });

  test('without the country', async () => {
    const { conversion, wire } = await withDisplay({ showCountry: false });
    expect(conversion.title).toBe('Maria G. from Austin');
    expect(wire).not.toContain('"US"');
  });

  test('a widget never receives the privacy rules themselves', async () => {
    const { ready, wire } = await withDisplay({ privacy: 'first', showCity: false, showCountry: false });
    expect(ready.notifications[0]?.display).not.toHaveProperty('privacy');
    expect(wire).not.toMatch(/privacy|showCity|showCountry/);
    expect(ready.notifications[0]?.display).toMatchObject({ minDisplayMs: 1000, maxLivePerMinute: 10 });
  });

  test('invalid privacy rules are refused with a clear 400', async () => {
    const { notification } = await createNotification(t);
    const res = await t.api.patch(`/api/notifications/${notification.id}`, { display: { privacy: 'full' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-input');
    // The sentence names the setting and every value it accepts.
    expect(res.body.error.message).toMatch(/name/);
    for (const level of ['first-initial', 'first', 'anonymous']) expect(res.body.error.message).toContain(`"${level}"`);
  });
});
