// Every sender fixture through the real webhook route, then its stored conversion through the public
// view at each privacy level: one initial at most, never the full last name, an email or an IP, and
// a name from the address only when the address is clearly first.last.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PrivacyLevel } from '../../shared/protocol.ts';
import { toPublicConversion } from '../../server/conversions/public-view.ts';
import { DEFAULT_TEMPLATES } from '../../server/notifications/message-template.ts';
import { encodeFixtureBody, loadSenderFixtures } from '../senders/sender-fixture.ts';
import { type TestApp, createMovableClock, createNotification, createTestApp } from '../support/test-app.ts';

const fixtures = loadSenderFixtures();
const LEVELS: PrivacyLevel[] = ['first-initial', 'first', 'anonymous'];
/** Every variable a template may use, so nothing the fields hide comes back through the text. */
const EVERY_VARIABLE =
  '{{name}} {{firstName}} {{lastInitial}} {{city}} {{state}} {{country}} {{countryCode}} {{location}} {{product}}';
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/;
const IPV4 = /\b\d{1,3}(\.\d{1,3}){3}\b/;
const FIRST_LAST_LOCAL = /^\p{L}{2,}[._-]\p{L}{2,}$/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemeCount = (text: string) => Array.from(graphemes.segment(text)).length;

let t: TestApp;
beforeAll(() => {
  t = createTestApp({ clock: createMovableClock() });
});
afterAll(() => t.close());

describe('the sender corpus, as a visitor sees it', () => {
  test('the corpus is there', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(80);
  });

  test.each(fixtures.map(({ file, fixture }) => [file, fixture] as const))('%s', async (_file, fixture) => {
    if (fixture.receivedAt) t.clock.set(Date.parse(fixture.receivedAt));
    const { notification, hookPath } = await createNotification(t);
    await request(t.app)
      [(fixture.request.method ?? 'POST').toLowerCase() as 'post'](hookPath)
      .set(fixture.request.headers)
      .serialize((raw: unknown) => raw as string)
      .send(encodeFixtureBody(fixture))
      .expect(200);
    const res = await t.api.get(`/api/notifications/${notification.id}/deliveries?limit=1`).expect(200);
    const conversionId = res.body.deliveries[0]?.conversionId;
    if (!conversionId) return; // ignored events make no conversion, so nothing of them is shown
    const conversion = await t.storage.conversions.find(conversionId);
    expect(conversion).toBeDefined();
    if (!conversion) return;

    const views = [
      ...LEVELS.map((privacy) => ({ privacy, template: EVERY_VARIABLE })),
      { privacy: 'first-initial' as const, template: DEFAULT_TEMPLATES.stream },
    ];
    for (const { privacy, template } of views) {
      const shown = toPublicConversion(conversion, {
        messageTemplate: template,
        display: { privacy, showCity: true, showCountry: true },
      });
      const wire = JSON.stringify(shown);
      expect(graphemeCount(shown.lastInitial ?? ''), privacy).toBeLessThanOrEqual(privacy === 'first-initial' ? 1 : 0);
      if (privacy === 'anonymous') expect(shown.firstName).toBeUndefined();
      expect(wire).not.toMatch(EMAIL);
      expect(wire).not.toMatch(IPV4);
      if (conversion.ip) expect(wire).not.toContain(conversion.ip);

      const last = conversion.lastName;
      if (last && graphemeCount(last) > 1) {
        const texts = Object.values(shown).filter((value): value is string => typeof value === 'string');
        expect(texts, `the last name "${last}" is shown`).not.toContain(last);
        expect(shown.title).not.toContain(last);
        if (!conversion.productName?.includes(last)) expect(shown.message).not.toContain(last);
      }
      if (shown.firstName && conversion.nameDerived) {
        const local = (conversion.email ?? '').split('@')[0]?.split('+')[0] ?? '';
        expect(local, 'a name made up from an address that is not first.last').toMatch(FIRST_LAST_LOCAL);
      }
    }
  });
});
