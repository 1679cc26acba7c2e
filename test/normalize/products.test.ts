// Line items: list names, line spellings, the displayed (most expensive) item and unsafe URLs.
import { describe, expect, test } from 'vitest';
import { MAX_PRODUCT_LINES } from '../../server/normalize/find-products.ts';
import {
  normalize,
  productLine,
  conversionFormat,
  shopifyOrder,
  stripeCheckoutSession,
  stripeEvent,
  wooOrder,
} from './payload-builders.ts';

describe('normalize reads line items', () => {
  test.each([
    ['products', 'products'],
    ['items', 'items'],
    ['line_items', 'line_items'],
    ['lineItems', 'lineItems'],
    ['order_items', 'order_items'],
    ['cart_items', 'cart_items'],
  ])('normalize reads the list named %s', (key) => {
    const { conversion, sources } = normalize({ [key]: [productLine({ name: 'Mug', price: 9 })] });
    expect(conversion.products).toEqual([
      {
        name: 'Mug',
        link: 'https://mystore.com/t-shirt',
        id: '123',
        image: 'https://mystore.com/images/t-shirt.png',
        price: 9,
        quantity: 2,
      },
    ]);
    expect(conversion.productName).toBe('Mug');
    expect(sources.productName).toBe(`${key}[0].name`);
  });

  test.each([
    ['numbers', [10, 30, 20], 'P1'],
    ['strings', ['10.00', '$30.00', '20'], 'P1'],
    ['European strings', ['10,00', '1.030,00', '999,99'], 'P1'],
    ['equal prices (the first wins)', [5, 5, 5], 'P0'],
    ['no prices (the first wins)', [undefined, undefined, undefined], 'P0'],
    ['some prices missing', [undefined, 3, undefined], 'P1'],
  ])('normalize picks the most expensive item when prices are %s', (_, prices, expected) => {
    const products = prices.map((price, i) => ({ name: `P${i}`, ...(price !== undefined && { price }) }));
    const { conversion } = normalize({ products });
    expect(conversion.productName).toBe(expected);
    expect(conversion.moreProducts).toBe(2);
  });

  test('normalize compares unit prices computed from line totals and quantities', () => {
    const { conversion } = normalize({
      items: [
        { name: 'Bulk', total: '100.00', quantity: 10 },
        { name: 'Single', total: '20.00', quantity: 1 },
      ],
    });
    expect(conversion.productName).toBe('Single');
    expect(conversion.products.map((line) => line.price)).toEqual([10, 20]);
  });

  test.each([
    [
      'title / url / thumbnail',
      { title: 'Hat', url: 'https://s.co/hat', thumbnail: 'https://s.co/hat.png', sku: 'H1' },
    ],
    [
      'product_name / permalink / image_url',
      { product_name: 'Hat', permalink: 'https://s.co/hat', image_url: 'https://s.co/hat.png', product_id: 'H1' },
    ],
    [
      'productName / productUrl / image.src',
      { productName: 'Hat', productUrl: 'https://s.co/hat', image: { src: 'https://s.co/hat.png' }, id: 'H1' },
    ],
    ['name / link / images[]', { name: 'Hat', link: 'https://s.co/hat', images: ['https://s.co/hat.png'], sku: 'H1' }],
    [
      'a nested product object',
      { product: { name: 'Hat', url: 'https://s.co/hat', image: 'https://s.co/hat.png', id: 'H1' } },
    ],
  ])('normalize reads a line spelled %s', (_, line) => {
    const { conversion } = normalize({ products: [line] });
    expect(conversion.products[0]).toMatchObject({
      name: 'Hat',
      link: 'https://s.co/hat',
      image: 'https://s.co/hat.png',
      id: 'H1',
    });
    expect(conversion).toMatchObject({
      productName: 'Hat',
      productLink: 'https://s.co/hat',
      productImage: 'https://s.co/hat.png',
    });
  });

  test.each([
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', '/products/hat'],
    ['ftp:', 'ftp://s.co/hat'],
    ['a URL with spaces', 'https://s.co/a hat'],
    ['a 3,000-character URL', `https://s.co/${'a'.repeat(3000)}`],
  ])('normalize drops a %s link and image', (_, url) => {
    const { conversion } = normalize({ products: [{ name: 'Hat', link: url, image: url }] });
    expect(conversion.products[0]).toEqual({ name: 'Hat' });
    expect(conversion.productLink).toBeUndefined();
    expect(conversion.productImage).toBeUndefined();
  });

  test('normalize reads a protocol-relative image as https', () => {
    expect(normalize({ products: [{ name: 'Hat', image: '//cdn.shopify.com/hat.png' }] }).conversion.productImage).toBe(
      'https://cdn.shopify.com/hat.png',
    );
  });

  test("normalize lets the conversion format's top-level productName win over the list", () => {
    const { conversion } = normalize(conversionFormat({ products: [productLine({ name: 'Jacket', price: 999 })] }));
    expect(conversion).toMatchObject({
      productName: 'Sneakers',
      productLink: 'https://sneakers.com/sneakers',
      moreProducts: 0,
    });
    expect(conversion.products).toHaveLength(1);
  });

  test('normalize counts a single conversion-format top-level product', () => {
    const { conversion } = normalize({ email: 'a@x.com', productName: 'Sneakers', productLink: 'javascript:x' });
    expect(conversion.products).toEqual([{ name: 'Sneakers' }]);
    expect(conversion).toMatchObject({ productName: 'Sneakers', moreProducts: 0 });
    expect(conversion.productLink).toBeUndefined();
  });

  test('normalize reads form-encoded products[0][price] keys after nesting them', () => {
    const { conversion, sources } = normalize({
      email: 'a@x.com',
      'products[0][name]': 'Cheap',
      'products[0][price]': '5',
      'products[1][name]': 'Dear',
      'products[1][price]': '50',
      'products[1][link]': 'https://s.co/dear',
    });
    expect(conversion).toMatchObject({ productName: 'Dear', productLink: 'https://s.co/dear', moreProducts: 1 });
    expect(sources.productName).toBe('products[1].name');
  });

  test('normalize reads a sparse form-encoded list kept as an object', () => {
    const { conversion } = normalize({
      products: { '3': { name: 'Third', price: '1' }, '7': { name: 'Seventh', price: '2' } },
    });
    expect(conversion.products.map((line) => line.name)).toEqual(['Third', 'Seventh']);
    expect(conversion.productName).toBe('Seventh');
  });

  test('normalize reads a product list that arrives as a JSON string', () => {
    const { conversion, sources } = normalize({
      products: JSON.stringify([
        { name: 'A', price: 1 },
        { name: 'B', price: 2 },
      ]),
    });
    expect(conversion.productName).toBe('B');
    expect(sources.productName).toBe('products>[1].name');
  });

  test('normalize reads Stripe line_items.data with prices in cents', () => {
    const session = stripeCheckoutSession({
      line_items: {
        object: 'list',
        data: [
          {
            id: 'li_1',
            object: 'item',
            description: 'Basic',
            amount_total: 1000,
            quantity: 1,
            price: { id: 'price_1', unit_amount: 1000, product: 'prod_1' },
          },
          {
            id: 'li_2',
            object: 'item',
            description: 'Pro',
            amount_total: 6000,
            quantity: 2,
            price: {
              id: 'price_2',
              unit_amount: 3000,
              product: { id: 'prod_2', name: 'Pro plan', images: ['https://files.stripe.com/pro.png'] },
            },
          },
        ],
        has_more: false,
      },
    });
    const { conversion, sources } = normalize(stripeEvent('checkout.session.completed', session));
    expect(conversion.products).toEqual([
      { name: 'Basic', id: 'li_1', price: 10, quantity: 1 },
      { name: 'Pro', id: 'li_2', image: 'https://files.stripe.com/pro.png', price: 30, quantity: 2 },
    ]);
    expect(conversion).toMatchObject({
      productName: 'Pro',
      productImage: 'https://files.stripe.com/pro.png',
      moreProducts: 1,
      total: 20,
    });
    expect(sources.products).toBe('data.object.line_items.data');
  });

  test.each([
    ['Shopify line_items (unit price strings)', shopifyOrder(), 'IPod Nano - 8gb - green', 1],
    ['WooCommerce line_items (image.src)', wooOrder(), 'Woo Single #1', 0],
  ])('normalize reads %s', (_, payload, productName, moreProducts) => {
    expect(normalize(payload).conversion).toMatchObject({ productName, moreProducts });
  });

  test('normalize ignores refund and fulfilment lists that repeat the items', () => {
    const { conversion } = normalize({
      refunds: [{ refund_line_items: [{ name: 'Refunded', price: 999 }] }],
      fulfillments: [{ line_items: [{ name: 'Shipped', price: 999 }] }],
    });
    expect(conversion.products).toEqual([]);
  });

  test('normalize reads a single bought offer named as its own record', () => {
    const { conversion } = normalize({
      email: 'a@x.com',
      offer: { id: 7, title: 'Masterclass', price_in_cents: 4900 },
    });
    expect(conversion.products).toEqual([{ name: 'Masterclass', id: '7', price: 49 }]);
    expect(conversion.productName).toBe('Masterclass');
  });

  test(`normalize keeps the first ${MAX_PRODUCT_LINES} lines of a huge list and counts the rest`, () => {
    const products = Array.from({ length: 5000 }, (_, i) => ({ name: `P${i}`, price: i }));
    const { conversion } = normalize({ products });
    expect(conversion.products).toHaveLength(MAX_PRODUCT_LINES);
    expect(conversion.moreProducts).toBe(4999);
    expect(conversion.productName).toBe(`P${MAX_PRODUCT_LINES - 1}`);
  });

  test('normalize caps a product name at 256 characters', () => {
    expect(normalize({ products: [{ name: 'n'.repeat(1000) }] }).conversion.productName).toHaveLength(256);
  });
});

describe('normalize reads unit prices in every common shape', () => {
  test('normalize reads PayPal-style purchase_units[].items[] with unit_amount objects', () => {
    const { conversion } = normalize({
      payer: { email_address: 'q@x.com' },
      purchase_units: [
        {
          amount: { value: '70.00', currency_code: 'USD' },
          items: [
            { name: 'Cap', unit_amount: { value: '10.00', currency_code: 'USD' }, quantity: '3' },
            { name: 'Shirt', unit_amount: { value: '40.00', currency_code: 'USD' }, quantity: '1' },
          ],
        },
      ],
    });
    expect(conversion.productName).toBe('Shirt');
    expect(conversion.products).toEqual([
      { name: 'Cap', price: 10, quantity: 3 },
      { name: 'Shirt', price: 40, quantity: 1 },
    ]);
    expect(conversion.total).toBe(70);
  });

  test('normalize reads a unit price object spelled {amount, currency}', () => {
    const { conversion } = normalize({
      email: 'q@x.com',
      items: [
        { title: 'Mug', price: { amount: '12.50', currency: 'EUR' }, quantity: 2 },
        { title: 'Poster', price: { amount: '20.00', currency: 'EUR' }, quantity: 1 },
      ],
    });
    expect(conversion.productName).toBe('Poster');
    expect(conversion.products[0]?.price).toBe(12.5);
  });

  test('normalize divides a line total by its quantity, so a cheap line bought many times does not win', () => {
    const { conversion } = normalize({
      email: 'q@x.com',
      items: [
        { name: 'Socks', total: '40.00', quantity: 5 },
        { name: 'Hat', total: '20.00', quantity: 1 },
      ],
    });
    expect(conversion.productName).toBe('Hat');
    expect(conversion.products.map((line) => line.price)).toEqual([8, 20]);
  });

  test.each([
    ['JPY', 4500, 4500],
    ['KWD', 4500, 4.5],
    ['USD', 4500, 45],
  ])('normalize reads line price_cents in %s by its exponent', (currency, cents, price) => {
    const { conversion } = normalize({
      email: 'q@x.com',
      currency,
      line_items: [{ name: 'Course', price_cents: cents, quantity: 1 }],
    });
    expect(conversion.products[0]?.price).toBe(price);
  });

  test("normalize reads a line's own currency for its minor units", () => {
    const { conversion } = normalize({
      email: 'q@x.com',
      items: [{ product_name: 'Ticket', unit_price_cents: 5000, currency: 'JPY' }],
    });
    expect(conversion.products[0]).toMatchObject({ name: 'Ticket', price: 5000 });
  });

  test.each([
    ['product_name', { product_name: 'Yoga Mat' }],
    ['productName', { productName: 'Yoga Mat' }],
    ['offer_title', { offer_title: 'Yoga Mat' }],
    ['item_name', { item_name: 'Yoga Mat' }],
    ['course.name', { course: { id: 7, name: 'Yoga Mat' } }],
  ])('normalize reads the product name from %s', (_, fields) => {
    expect(normalize({ email: 'q@x.com', ...fields }).conversion.productName).toBe('Yoga Mat');
  });

  test('normalize reads numbered item fields (item_name1, quantity1, mc_gross_1) as lines', () => {
    const { conversion, sources } = normalize({
      payer_email: 'q@x.com',
      mc_gross: '55.00',
      mc_currency: 'USD',
      num_cart_items: '2',
      item_name1: 'Socks',
      item_number1: 'SK-1',
      quantity1: '5',
      mc_gross_1: '25.00',
      item_name2: 'Hat',
      item_number2: 'HT-2',
      quantity2: '1',
      mc_gross_2: '30.00',
    });
    expect(conversion.productName).toBe('Hat');
    expect(sources.productName).toBe('item_name2');
    expect(conversion.products).toEqual([
      { name: 'Socks', id: 'SK-1', quantity: 5, price: 5 },
      { name: 'Hat', id: 'HT-2', quantity: 1, price: 30 },
    ]);
    expect(conversion.moreProducts).toBe(1);
    expect(conversion.total).toBe(55);
  });
});
