// Flat rows as spreadsheet exports write them (each CSV row is an object keyed by its header): the
// person's whole name in a `Name` column even without an email, the row's one product with its
// price and quantity, and Shopify's order export, whose `Name` is the order's (`#1001`).
import { describe, expect, test } from 'vitest';
import { normalize } from './payload-builders.ts';

describe('normalize reads a Name column as the person’s whole name, with or without an email', () => {
  test.each([
    ['name', 'name'],
    ['Name', 'Name'],
    ['Customer name', '["Customer name"]'],
    ['Full name', '["Full name"]'],
  ])('a row whose %s column says "Ann Lee" and that has no email', (column, source) => {
    const { conversion, sources } = normalize({ [column]: 'Ann Lee', Product: 'Ceramic Mug', Total: '24.00' });
    expect(conversion).toMatchObject({ firstName: 'Ann', lastName: 'Lee', nameDerived: false });
    expect(conversion.email).toBeUndefined();
    expect(sources).toMatchObject({ firstName: source, lastName: source });
  });

  test('only the first and the last name are kept, particles with the last', () => {
    const { conversion } = normalize({ Name: 'Dr. Jan Willem van der Berg', Date: '2024-03-05' });
    expect(conversion).toMatchObject({ firstName: 'Jan', lastName: 'van der Berg' });
  });

  test('an all-caps or all-lower name is re-cased', () => {
    expect(normalize({ Name: 'ANN LEE' }).conversion).toMatchObject({ firstName: 'Ann', lastName: 'Lee' });
  });

  test.each([
    ["an order name like Shopify's", '#1001'],
    ['all digits', '1001'],
    ['a placeholder', 'Guest'],
  ])('a Name that is %s is no person', (_, value) => {
    const { conversion } = normalize({ Name: value, Product: 'Ceramic Mug' });
    expect(conversion.firstName).toBeUndefined();
    expect(conversion.lastName).toBeUndefined();
  });

  test.each([
    ['a product record (`object: "product"`)', { object: 'product', id: 'prod_1', name: 'Gold Plan' }],
    ['a record with a sku', { name: 'Gold Plan', sku: 'GP-1', price: 10 }],
    ['a plan (`type: "plan"`)', { type: 'plan', name: 'Gold Plan' }],
  ])('the `name` of %s is not a person', (_, body) => {
    expect(normalize(body).conversion.firstName).toBeUndefined();
  });

  test('a nested record’s bare `name` still needs a person word or the email beside it', () => {
    expect(normalize({ campaign: { name: 'Winter Appeal' } }).conversion.firstName).toBeUndefined();
  });
});

describe('normalize reads the one product of a row', () => {
  test.each(['Item', 'Item name', 'Lineitem name', 'Line item name', 'Product', 'Product title', 'Product name'])(
    'from a %s column',
    (column) => {
      const { conversion, sources } = normalize({ Name: 'Ann Lee', [column]: 'Ceramic Mug' });
      expect(conversion.productName).toBe('Ceramic Mug');
      expect(conversion.products).toEqual([{ name: 'Ceramic Mug' }]);
      expect(sources.productName).toContain(column.includes(' ') ? `["${column}"]` : column);
    },
  );

  test('with its unit price and quantity written beside it', () => {
    const { conversion } = normalize({
      'Lineitem name': 'Ceramic Mug',
      'Lineitem price': '12.00',
      'Lineitem quantity': '2',
      Total: '29.00',
      Currency: 'EUR',
    });
    expect(conversion.products).toEqual([{ name: 'Ceramic Mug', price: 12, quantity: 2 }]);
    expect(conversion).toMatchObject({ productName: 'Ceramic Mug', total: 29, currency: 'EUR', moreProducts: 0 });
  });

  test.each([
    ['Item price', 'Qty'],
    ['Unit price', 'Quantity'],
  ])('with %s and %s', (priceColumn, quantityColumn) => {
    const { conversion } = normalize({ Item: 'Ceramic Mug', [priceColumn]: '$12.00', [quantityColumn]: 3 });
    expect(conversion.products).toEqual([{ name: 'Ceramic Mug', price: 12, quantity: 3 }]);
  });

  test("a line item's price is not the order's total", () => {
    const { conversion } = normalize({
      'Lineitem name': 'Coaster',
      'Lineitem price': '5.00',
      'Lineitem quantity': '1',
    });
    expect(conversion.total).toBeUndefined();
    expect(conversion.products).toEqual([{ name: 'Coaster', price: 5, quantity: 1 }]);
  });

  test('an id in a Product column is no name', () => {
    expect(normalize({ Name: 'Ann Lee', Product: 'prod_N1xYz' }).conversion.productName).toBeUndefined();
  });

  test('a quantity of zero or a non-number is left out', () => {
    expect(normalize({ Item: 'Mug', Quantity: '0' }).conversion.products).toEqual([{ name: 'Mug' }]);
    expect(normalize({ Item: 'Mug', Quantity: 'many' }).conversion.products).toEqual([{ name: 'Mug' }]);
  });
});

describe("normalize reads a row of Shopify's order export", () => {
  // Some of the export's columns (https://help.shopify.com/en/manual/fulfillment/managing-orders/exporting-orders).
  const firstLine = {
    Name: '#1001',
    Email: 'customer-4410@example.com',
    'Financial Status': 'paid',
    'Paid at': '2024-03-05 14:12:00 +0100',
    Currency: 'EUR',
    Subtotal: '24.00',
    Shipping: '5.00',
    Total: '29.00',
    'Created at': '2024-03-05 14:10:00 +0100',
    'Lineitem quantity': '2',
    'Lineitem name': 'Ceramic Mug - Blue',
    'Lineitem price': '12.00',
    'Lineitem sku': 'MUG-BL',
    'Billing Name': 'Ann Lee',
    'Billing City': 'Berlin',
    'Billing Country': 'DE',
    'Shipping Name': 'Max Muster',
    Vendor: 'Acme Mugs',
    Id: '5551234567',
  };

  test('the buyer is the billing name, never the order name', () => {
    const { conversion, sources } = normalize(firstLine);
    expect(conversion).toMatchObject({
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'customer-4410@example.com',
      city: 'Berlin',
      countryCode: 'DE',
      total: 29,
      currency: 'EUR',
      productName: 'Ceramic Mug - Blue',
      products: [{ name: 'Ceramic Mug - Blue', price: 12, quantity: 2 }],
      orderStatus: 'paid',
      timestamp: Date.UTC(2024, 2, 5, 13, 12),
    });
    expect(sources.firstName).toBe('["Billing Name"]');
  });

  test('a further line of the same order (only the order name and the line filled) has no person', () => {
    const { conversion } = normalize({
      Name: '#1001',
      'Lineitem quantity': '1',
      'Lineitem name': 'Coaster',
      'Lineitem price': '5.00',
      Vendor: 'Acme Mugs',
    });
    expect(conversion.firstName).toBeUndefined();
    expect(conversion.total).toBeUndefined();
    expect(conversion.productName).toBe('Coaster');
  });

  test('an order id is no event id: one order has several events (created, paid, fulfilled)', () => {
    expect(normalize({ ...firstLine, order_id: '991', 'Order ID': '991' }).conversion.eventId).toBeUndefined();
  });
});
