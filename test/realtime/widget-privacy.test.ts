// Privacy on the wire, for every field of every sender fixture: a widget's frames carry the public
// view only — never an email, an IP, a full last name, or any other raw payload value.
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PublicConversion } from '../../shared/protocol.ts';
import { LOCALES } from '../../server/i18n/locales.ts';
import { DEFAULT_DESIGN } from '../../server/notifications/design.ts';
import { type TestApp, createFakeGeo, createNotification, createTestApp } from '../support/test-app.ts';
import { connectWidget, listen, recordFrames, waitFor } from '../support/widget-client.ts';
import { conversionFormat } from '../normalize/payload-builders.ts';

const FIXTURES_DIR = path.resolve(import.meta.dirname, '../fixtures/payloads');
const CONVERSION_FORMAT_SAMPLE = conversionFormat({ guid: 'id-sneakers-1' });

const fixtures: Array<[string, unknown]> = [
  ['a conversion-format sample', CONVERSION_FORMAT_SAMPLE],
  ...fs
    .readdirSync(FIXTURES_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name): [string, unknown] => [name, JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, name), 'utf8'))]),
];

function stringLeaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringLeaves(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringLeaves(item, out);
  return out;
}

const PUBLIC_FIELDS = [
  'firstName',
  'city',
  'state',
  'country',
  'countryCode',
  'productName',
  'productLink',
  'productImage',
  'title',
  'message',
] as const;

const PROTOCOL_WORDS = new Set([
  ...PUBLIC_FIELDS,
  'lastInitial',
  'moreProducts',
  'timestamp',
  'notificationId',
  'conversion:created',
  'widget:ready',
  // Each notification's design and built-in words: the server's own text, whatever a payload holds.
  ...Object.entries(DEFAULT_DESIGN).flat().map(String),
  ...Object.entries(LOCALES.en).flat(),
  'text',
  'design',
  'device',
  'productMatch',
]);

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = createTestApp({ geo: createFakeGeo({ '141.92.55.102': { city: 'Miami', countryCode: 'US', stateCode: 'FL' } }) });
  baseUrl = await listen(t);
});
afterAll(async () => {
  t.realtime.close();
  await new Promise((resolve) => t.io.close(resolve));
  t.close();
});

describe('no personal data in widget frames', () => {
  test('the fixture corpus is there', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  test.each(fixtures)('%s', async (_name, payload) => {
    // An event older than the notification's history window is stored but never pushed, so the clock
    // is put just after the fixture's own time (read by the route itself), making it news.
    const probe = await createNotification(t);
    await request(t.app)
      .post(probe.hookPath)
      .send(payload as object)
      .expect(200);
    const [read] = (await t.api.get(`/api/notifications/${probe.notification.id}/deliveries`)).body.deliveries;
    if (typeof read?.normalized?.timestamp === 'number') t.clock.set(read.normalized.timestamp + 60_000);

    const { site, notification, hookPath } = await createNotification(t);
    const widget = connectWidget(baseUrl, { key: site.widgetKey });
    const frames = recordFrames(widget);
    await waitFor(widget, 'widget:ready');
    const pushed = waitFor(widget, 'conversion:created', 2000).catch(() => undefined);
    const res = await request(t.app)
      .post(hookPath)
      .send(payload as object)
      .expect(200);

    const stored = (await t.api.get(`/api/notifications/${notification.id}/conversions`)).body.conversions[0];
    const live = (await pushed) as PublicConversion | undefined;
    // A reconnecting widget's backfill goes through the same public view.
    const backfill = connectWidget(baseUrl, { key: site.widgetKey });
    const backfillFrames = recordFrames(backfill);
    await waitFor(backfill, 'widget:ready');
    widget.disconnect();
    backfill.disconnect();
    const wire = [...frames, ...backfillFrames].join('\n');

    if (res.body.status === 'accepted') {
      expect(live, 'an accepted conversion is pushed').toBeDefined();
      for (const secret of [stored.email, stored.ip, stored.lastName].filter(Boolean)) {
        expect(wire).not.toContain(secret);
      }
    }
    expect(wire).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/); // no email address at all
    expect(wire).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b/); // no IPv4 address

    const shown = live ? PUBLIC_FIELDS.map((field) => String(live[field] ?? '')).join('\n') : '';
    const leaked = stringLeaves(payload)
      // Words that are also our own protocol's field names (a form field called "city") are not leaks.
      .filter((leaf) => leaf.length >= 4 && !shown.includes(leaf) && !PROTOCOL_WORDS.has(leaf))
      .filter((leaf) => wire.includes(JSON.stringify(leaf).slice(1, -1)));
    expect(leaked).toEqual([]);
  });
});
