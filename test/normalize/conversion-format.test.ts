// The Proofhook conversion format's documented webhook body, as JSON, form strings and text.
import { describe, expect, test } from 'vitest';
import { fakeGeo, normalize, productLine, RECEIVED_AT, conversionFormat } from './payload-builders.ts';

describe('normalize reads conversion-format bodies', () => {
  test('normalize maps every documented conversion-format field one to one', () => {
    const { conversion, sources } = normalize(conversionFormat());
    expect(conversion).toEqual({
      email: 'test@gmail.com',
      timestamp: 1528611279398,
      ip: '141.92.55.102',
      firstName: 'John',
      lastName: 'Smith',
      nameDerived: false,
      guid: 'id',
      city: 'Miami',
      country: 'United States',
      countryCode: 'US',
      state: 'Florida',
      stateCode: 'FL',
      total: 55,
      currency: 'USD',
      productName: 'Sneakers',
      productLink: 'https://sneakers.com/sneakers',
      productImage: 'https://sneakers.com/sneakers.jpg',
      products: [
        { name: 'Sneakers', link: 'https://sneakers.com/sneakers', image: 'https://sneakers.com/sneakers.jpg' },
      ],
      moreProducts: 0,
    });
    expect(sources).toMatchObject({
      email: 'email',
      timestamp: 'timestamp',
      ip: 'ip',
      firstName: 'firstName',
      lastName: 'lastName',
      guid: 'guid',
      city: 'city',
      countryCode: 'countryCode',
      stateCode: 'stateCode',
      total: 'total',
      currency: 'currency',
      productName: 'productName',
    });
  });

  test('normalize keeps only the receive time and empty lists when the body is just an email', () => {
    // A one-word local part is no name: none is made up from it.
    expect(normalize({ email: 'anna@b.co' }).conversion).toEqual({
      email: 'anna@b.co',
      nameDerived: false,
      products: [],
      moreProducts: 0,
      timestamp: RECEIVED_AT,
    });
  });

  test.each([
    ['a string', 'id', 'id'],
    ['a number', 42, '42'],
    ['a long string', 'x'.repeat(1000), 'x'.repeat(256)],
  ])('normalize reads guid when it is %s', (_, guid, expected) => {
    expect(normalize(conversionFormat({ guid })).conversion.guid).toBe(expected);
  });

  test.each([
    [
      'a form body with the same fields as strings',
      { email: 'test@gmail.com', timestamp: '1528611279', total: '55', firstName: 'John' },
    ],
    [
      'a JSON text body',
      JSON.stringify({ email: 'test@gmail.com', timestamp: 1528611279, total: 55, firstName: 'John' }),
    ],
  ])('normalize reads %s', (_, payload) => {
    const { conversion } = normalize(payload);
    expect(conversion).toMatchObject({
      email: 'test@gmail.com',
      timestamp: 1528611279000,
      total: 55,
      firstName: 'John',
      nameDerived: false,
    });
  });

  test('normalize fills the location from geo-IP when the conversion format sends only an ip', () => {
    const geo = fakeGeo();
    const { conversion, sources } = normalize(
      conversionFormat({
        city: undefined,
        country: undefined,
        countryCode: undefined,
        state: undefined,
        stateCode: undefined,
      }),
      geo,
    );
    expect(geo.asked).toEqual(['141.92.55.102']);
    expect(conversion).toMatchObject({
      city: 'Miami',
      countryCode: 'US',
      country: 'United States',
      stateCode: 'FL',
      state: 'Florida',
    });
    expect(sources.city).toBe('geo:ip');
  });

  test('normalize counts conversion-format products and shows the most expensive one when no productName is given', () => {
    const payload = conversionFormat({
      productName: undefined,
      productLink: undefined,
      productImage: undefined,
      products: [
        productLine({ name: 'T-Shirt', price: 55 }),
        productLine({ name: 'Jacket', link: 'https://mystore.com/jacket', price: 120 }),
      ],
    });
    const { conversion, sources } = normalize(payload);
    expect(conversion).toMatchObject({
      productName: 'Jacket',
      productLink: 'https://mystore.com/jacket',
      moreProducts: 1,
    });
    expect(conversion.products).toHaveLength(2);
    expect(conversion.products[0]).toEqual({
      name: 'T-Shirt',
      link: 'https://mystore.com/t-shirt',
      id: '123',
      image: 'https://mystore.com/images/t-shirt.png',
      price: 55,
      quantity: 2,
    });
    expect(sources.productName).toBe('products[1].name');
  });

  test('normalize finds the email in a plain text body', () => {
    const { conversion, sources } = normalize('New signup: Jane <JANE.DOE@example.com> just joined');
    expect(conversion.email).toBe('jane.doe@example.com');
    expect(sources.email).toBe('$');
  });
});
