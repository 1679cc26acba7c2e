// The public view renders what the privacy rules leave: the title and message never say more than
// the fields do, and widgets never receive the privacy rules themselves.
import { describe, expect, test } from 'vitest';
import type { Conversion } from '../../server/conversions/conversion.types.ts';
import { templateValues, toPublicConversion } from '../../server/conversions/public-view.ts';
import { DEFAULT_DISPLAY_RULES, toWidgetDisplayRules } from '../../server/notifications/display-defaults.ts';
import { displayRulesPatchSchema, withDisplayDefaults } from '../../server/notifications/display-rules.ts';
import { DEFAULT_TEMPLATES } from '../../server/notifications/message-template.ts';

const MARIA: Conversion = {
  id: 7,
  notificationId: 1,
  siteId: 1,
  deliveryId: 1,
  receivedAt: 0,
  timestamp: 0,
  dedupeKey: null,
  email: 'maria.garcia@example.com',
  ip: '141.92.55.102',
  firstName: 'Maria',
  lastName: 'Garcia',
  nameDerived: false,
  city: 'Austin',
  state: 'Texas',
  stateCode: 'TX',
  country: 'United States of America',
  countryCode: 'US',
  productName: 'Sneakers',
  total: 89,
  currency: 'USD',
  products: [],
  moreProducts: 0,
};

const TEMPLATE = '{{name}} in {{city}}, {{state}} ({{country}}) bought {{product}} || bought {{product}}';

function view(display: object, conversion: Conversion = MARIA) {
  return toPublicConversion(conversion, { messageTemplate: TEMPLATE, display });
}

describe('toPublicConversion', () => {
  test('the default: first name and initial, city and country', () => {
    const shown = view({});
    expect(shown).toMatchObject({ firstName: 'Maria', lastInitial: 'G', city: 'Austin', countryCode: 'US' });
    expect(shown.title).toBe('Maria G. from Austin, US');
    expect(shown.message).toBe('Maria G. in Austin, Texas (United States of America) bought Sneakers');
  });

  test('first name only', () => {
    const shown = view({ privacy: 'first' });
    expect(shown.lastInitial).toBeUndefined();
    expect(shown.title).toBe('Maria from Austin, US');
  });

  test('anonymous: "Someone", and no template variable brings the name back', () => {
    const shown = view({ privacy: 'anonymous' });
    expect(shown.firstName).toBeUndefined();
    expect(shown.title).toBe('Someone from Austin, US');
    expect(shown.message).toBe('bought Sneakers');
    expect(JSON.stringify(shown)).not.toContain('Maria');
  });

  test('without city: no city nor state in the fields or the text', () => {
    const shown = view({ showCity: false });
    expect(shown.city).toBeUndefined();
    expect(shown.state).toBeUndefined();
    expect(shown.title).toBe('Maria G. from United States of America');
    expect(JSON.stringify(shown)).not.toMatch(/Austin|Texas/);
  });

  test('without country: no country nor its code in the fields or the text', () => {
    const shown = view({ showCountry: false });
    expect(shown.country).toBeUndefined();
    expect(shown.countryCode).toBeUndefined();
    expect(shown.title).toBe('Maria G. from Austin');
    expect(JSON.stringify(shown)).not.toMatch(/United States|"US"|, US/);
  });

  test('without city or country: the title has no place', () => {
    expect(view({ showCity: false, showCountry: false }).title).toBe('Maria G.');
  });

  test('never the email, the IP or the full last name', () => {
    const shown = JSON.stringify(toPublicConversion(MARIA, { messageTemplate: DEFAULT_TEMPLATES.stream, display: {} }));
    for (const secret of ['maria.garcia@example.com', '141.92.55.102', 'Garcia']) expect(shown).not.toContain(secret);
  });

  test('a stored full name in the first-name field is split before it is shown', () => {
    const shown = view({}, { ...MARIA, firstName: 'Jane Doe', lastName: undefined });
    expect(shown).toMatchObject({ firstName: 'Jane', lastInitial: 'D', title: 'Jane D. from Austin, US' });
    expect(JSON.stringify(shown)).not.toContain('Doe');
  });

  test('the admin preview renders through the same rules', () => {
    expect(templateValues(MARIA, { privacy: 'anonymous', showCity: false }).name).toBeUndefined();
    expect(templateValues(MARIA, { privacy: 'anonymous', showCity: false }).location).toBe('United States of America');
  });
});

describe('display rules', () => {
  test('widgets get every display rule except the privacy ones', () => {
    const widget = toWidgetDisplayRules(withDisplayDefaults({ privacy: 'anonymous', showCity: false }));
    expect(widget).not.toHaveProperty('privacy');
    expect(widget).not.toHaveProperty('showCity');
    expect(widget).not.toHaveProperty('showCountry');
    expect(widget).toMatchObject({ minDisplayMs: 1000, maxLivePerMinute: 10, muteHoursOnClose: 0, displayMs: 6000 });
  });

  test('the defaults', () => {
    expect(DEFAULT_DISPLAY_RULES).toMatchObject({
      minDisplayMs: 1000,
      maxLivePerMinute: 10,
      muteHoursOnClose: 0,
      privacy: 'first-initial',
      showCity: true,
      showCountry: true,
    });
  });

  test.each([
    [{ privacy: 'first' }, true],
    [{ privacy: 'full' }, false],
    [{ showCity: 'no' }, false],
    [{ showCountry: false }, true],
    [{ minDisplayMs: 0 }, true],
    [{ minDisplayMs: 60_000 }, true],
    [{ minDisplayMs: 60_001 }, false],
    [{ minDisplayMs: 1.5 }, false],
    [{ maxLivePerMinute: 0 }, false],
    [{ maxLivePerMinute: 600 }, true],
    [{ maxLivePerMinute: 601 }, false],
    [{ muteHoursOnClose: 720 }, true],
    [{ muteHoursOnClose: 721 }, false],
    [{ muteHoursOnClose: -1 }, false],
  ])('%j valid: %s', (patch, valid) => {
    expect(displayRulesPatchSchema.safeParse(patch).success).toBe(valid);
  });
});
