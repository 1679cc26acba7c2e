// City, country and state from payload fields and address records, country/state tables, and geo-IP.
import { describe, expect, test } from 'vitest';
import { countryName, toCountryCode } from '../../server/normalize/countries.ts';
import { findUsState } from '../../server/normalize/us-states.ts';
import { fakeGeo, normalize, shopifyOrder, stripeCheckoutSession, stripeEvent, wooOrder } from './payload-builders.ts';

describe('normalize reads the location', () => {
  test.each([
    [
      'conversion-format fields',
      { city: 'Miami', country: 'United States', countryCode: 'US', state: 'Florida', stateCode: 'FL' },
    ],
    ['only codes', { city: 'Miami', countryCode: 'US', stateCode: 'FL' }],
    ['only names', { city: 'Miami', country: 'United States', state: 'Florida' }],
    ['snake_case codes', { city: 'Miami', country_code: 'us', state_code: 'fl' }],
    ['a country code in `country` and a state code in `state`', { city: 'Miami', country: 'US', state: 'FL' }],
    ['province/region spellings', { city: 'Miami', country: 'USA', region: 'florida' }],
    ['a billing object', { billing: { city: 'Miami', country: 'US', state: 'FL' } }],
    ['a shipping_address object', { shipping_address: { city: 'Miami', country_code: 'US', province_code: 'FL' } }],
    ['prefixed flat keys', { billing_city: 'Miami', billing_country: 'United States of America', billing_state: 'FL' }],
    ['Zapier labels', { 'Billing City': 'Miami', 'Billing Country': 'U.S.', 'Billing State': 'Florida' }],
    [
      'form rows',
      {
        fields: [
          { label: 'City', value: 'Miami' },
          { label: 'Country', value: 'United States' },
          { label: 'State', value: 'FL' },
        ],
      },
    ],
  ])('normalize reads a US location given as %s', (_, fields) => {
    const { conversion } = normalize({ email: 'a@x.com', ...fields });
    expect(conversion).toMatchObject({
      city: 'Miami',
      country: 'United States',
      countryCode: 'US',
      state: 'Florida',
      stateCode: 'FL',
    });
  });

  test.each([
    ['USA', 'US', 'United States'],
    ['U.S.', 'US', 'United States'],
    ['United States of America', 'US', 'United States'],
    ['UK', 'GB', 'United Kingdom'],
    ['Great Britain', 'GB', 'United Kingdom'],
    ['England', 'GB', 'United Kingdom'],
    ['gb', 'GB', 'United Kingdom'],
    ['DEU', 'DE', 'Germany'],
    ['Deutschland', 'DE', 'Germany'],
    ['España', 'ES', 'Spain'],
    ["Côte d'Ivoire", 'CI', 'Côte d’Ivoire'],
    ['cote d ivoire', 'CI', 'Côte d’Ivoire'],
    ['Russia', 'RU', 'Russia'],
  ])('normalize maps the country "%s" to %s', (country, countryCode, name) => {
    const { conversion } = normalize({ email: 'a@x.com', city: 'Somewhere', country });
    expect(conversion.countryCode).toBe(countryCode);
    expect(conversion.country).toBe(name);
  });

  test('normalize keeps an unknown country as sent, without a code', () => {
    const { conversion } = normalize({ city: 'Cair Paravel', country: 'Narnia' });
    expect(conversion.country).toBe('Narnia');
    expect(conversion).not.toHaveProperty('countryCode');
  });

  test.each([
    [
      'a Canadian province name and code',
      { city: 'Toronto', country: 'CA', province: 'Ontario', province_code: 'ON' },
      { state: 'Ontario', stateCode: 'ON' },
    ],
    ['a Spanish province code only', { city: 'Madrid', country: 'ES', state: 'M' }, { stateCode: 'M' }],
    ['a German state name only', { city: 'Berlin', country: 'Germany', state: 'Berlin' }, { state: 'Berlin' }],
  ])('normalize keeps %s as sent outside the US', (_, fields, expected) => {
    const { conversion } = normalize(fields);
    expect(conversion).toMatchObject(expected);
  });

  test.each([
    ['an order state', { state: 'paid', email: 'a@x.com' }],
    ['a cloud region', { region: 'us-east-1' }],
  ])('normalize does not read %s as a place', (_, payload) => {
    const { conversion } = normalize(payload);
    expect(conversion.state).toBeUndefined();
    expect(conversion.stateCode).toBeUndefined();
  });

  test.each([
    [
      'billing over shipping',
      { billing: { city: 'Miami', country: 'US' }, shipping: { city: 'Paris', country: 'FR' } },
      'Miami',
    ],
    [
      'the customer over the store',
      { store: { city: 'Paris', country: 'FR' }, customer: { city: 'Miami', country: 'US' } },
      'Miami',
    ],
    [
      "the email's record over another record",
      { organizer: { city: 'Paris', country: 'FR' }, attendee: { email: 'a@x.com', city: 'Miami', country: 'US' } },
      'Miami',
    ],
  ])('normalize prefers %s', (_, payload, city) => {
    expect(normalize(payload).conversion.city).toBe(city);
  });

  test.each([
    [
      'Stripe customer_details.address',
      stripeEvent('checkout.session.completed', stripeCheckoutSession()),
      { city: 'South San Francisco', countryCode: 'US', stateCode: 'CA', state: 'California' },
      'data.object.customer_details.address.city',
    ],
    [
      'Shopify billing_address',
      shopifyOrder(),
      { city: 'Drayton Valley', countryCode: 'CA', country: 'Canada', state: 'Alberta', stateCode: 'AB' },
      'billing_address.city',
    ],
    [
      'WooCommerce billing',
      wooOrder(),
      { city: 'San Francisco', countryCode: 'US', state: 'California' },
      'billing.city',
    ],
  ])('normalize reads the location of %s', (_, payload, expected, citySource) => {
    const { conversion, sources } = normalize(payload);
    expect(conversion).toMatchObject(expected);
    expect(sources.city).toBe(citySource);
  });
});

describe('normalize uses geo-IP only to fill what the payload does not say', () => {
  test.each([
    ['ip', { ip: '8.8.8.8' }, 'ip'],
    ['ip_address', { ip_address: '8.8.8.8' }, 'ip_address'],
    ['client_ip', { client_ip: '8.8.8.8' }, 'client_ip'],
    ['browser_ip', { browser_ip: '8.8.8.8' }, 'browser_ip'],
    ['customer_ip_address', { customer_ip_address: '8.8.8.8' }, 'customer_ip_address'],
    ['ipAddress', { ipAddress: '8.8.8.8' }, 'ipAddress'],
    ['an X-Forwarded-For list', { x_forwarded_for: '8.8.8.8, 10.0.0.1' }, 'x_forwarded_for'],
    ['an IPv6 address', { ip: '2001:4860:4860::8888' }, 'ip'],
  ])('normalize looks up the IP in %s', (_, fields, source) => {
    const geo = fakeGeo();
    const { conversion, sources } = normalize({ email: 'a@x.com', ...fields }, geo);
    expect(geo.asked).toHaveLength(1);
    expect(conversion).toMatchObject({
      city: 'Miami',
      country: 'United States',
      countryCode: 'US',
      state: 'Florida',
      stateCode: 'FL',
    });
    expect(sources.ip).toBe(source);
    expect(sources.countryCode).toBe(`geo:${source}`);
  });

  test('normalize keeps the payload city and does not look up when the payload has one', () => {
    const geo = fakeGeo();
    const { conversion } = normalize({ ip: '8.8.8.8', city: 'Paris', country: 'FR' }, geo);
    expect(geo.asked).toEqual([]);
    expect(conversion).toMatchObject({ city: 'Paris', countryCode: 'FR', ip: '8.8.8.8' });
  });

  test('normalize adds the geo city when geo agrees with the payload country', () => {
    const { conversion } = normalize({ ip: '8.8.8.8', country: 'United States' }, fakeGeo());
    expect(conversion).toMatchObject({ city: 'Miami', countryCode: 'US', country: 'United States' });
  });

  test('normalize ignores geo when it disagrees with the payload country', () => {
    const { conversion } = normalize({ ip: '8.8.8.8', country: 'France' }, fakeGeo());
    expect(conversion).toMatchObject({ countryCode: 'FR', country: 'France' });
    expect(conversion.city).toBeUndefined();
  });

  test.each([
    ['returns nothing', () => undefined],
    [
      'throws',
      () => {
        throw new Error('geo database missing');
      },
    ],
    ['returns junk', () => ({ city: 42, countryCode: 'ZZZ' }) as never],
  ])('normalize keeps going when the geo lookup %s', (_, lookupIp) => {
    const { conversion } = normalize({ email: 'a@x.com', ip: '8.8.8.8' }, { lookupIp });
    expect(conversion).toMatchObject({ email: 'a@x.com', ip: '8.8.8.8' });
    expect(conversion.city).toBeUndefined();
  });

  test.each(['not-an-ip', '999.1.1.1', ''])('normalize does not look up the invalid IP "%s"', (ip) => {
    const geo = fakeGeo();
    expect(normalize({ ip }, geo).conversion.ip).toBeUndefined();
    expect(geo.asked).toEqual([]);
  });
});

describe('country and state tables', () => {
  test.each([
    ['us', 'US'],
    ['USA', 'US'],
    ['uk', 'GB'],
    ['Holland', 'NL'],
    ['Narnia', undefined],
    ['XX', undefined],
    [42, undefined],
  ])('toCountryCode(%s) is %s', (value, expected) => {
    expect(toCountryCode(value)).toBe(expected);
  });

  test('countryName uses the short English name', () => {
    expect(countryName('US')).toBe('United States');
    expect(countryName('ZZ')).toBeUndefined();
  });

  test.each([
    ['FL', { code: 'FL', name: 'Florida' }],
    ['new york', { code: 'NY', name: 'New York' }],
    ['US-CA', { code: 'CA', name: 'California' }],
    ['Washington DC', { code: 'DC', name: 'District of Columbia' }],
    ['Puerto Rico', { code: 'PR', name: 'Puerto Rico' }],
    ['ZZ', undefined],
    ['Ontario', undefined],
  ])('findUsState(%s)', (value, expected) => {
    expect(findUsState(value)).toEqual(expected);
  });
});

describe('normalize reads the address fields of payment APIs', () => {
  test("normalize reads PayPal's admin_area_2 (city) and admin_area_1 (state)", () => {
    const { conversion, sources } = normalize({
      payer: {
        email_address: 'q@x.com',
        address: { admin_area_2: 'Austin', admin_area_1: 'TX', postal_code: '78701', country_code: 'US' },
      },
    });
    expect(conversion).toMatchObject({ city: 'Austin', stateCode: 'TX', state: 'Texas', countryCode: 'US' });
    expect(sources.city).toBe('payer.address.admin_area_2');
  });

  test("normalize reads Square's locality and administrative_district_level_1", () => {
    const { conversion } = normalize({
      buyer_email_address: 'q@x.com',
      shipping_address: { locality: 'Denver', administrative_district_level_1: 'CO', country: 'US' },
    });
    expect(conversion).toMatchObject({ city: 'Denver', stateCode: 'CO', state: 'Colorado', countryCode: 'US' });
  });

  test.each([
    [
      'province_code',
      { city: 'Toronto', province_code: 'ON', country_code: 'CA' },
      { stateCode: 'ON', countryCode: 'CA' },
    ],
    ['state: "FL"', { city: 'Miami', state: 'FL' }, { stateCode: 'FL', state: 'Florida' }],
    ['country_iso', { city: 'Lyon', country_iso: 'FR' }, { countryCode: 'FR', country: 'France' }],
  ])('normalize reads %s inside a shipping address', (_, address, expected) => {
    expect(normalize({ email: 'q@x.com', shipping_address: address }).conversion).toMatchObject(expected);
  });
});
