// The bench's webhook bodies: a ~600-byte conversion in the Proofhook conversion format and its form-encoded twin,
// made distinct per request (email, guid, order id) so that dedupe never turns a request into a
// duplicate and every 200 is a real accepted, stored and broadcast conversion.

export type BodyFormat = 'json' | 'form';

export const CONTENT_TYPES: Record<BodyFormat, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
};

/** Flat, string-or-number fields only, so the JSON body and the form body carry the same data. */
export function conversionFields(n: number, now = Date.now()): Record<string, string | number> {
  const serial = String(n).padStart(8, '0');
  return {
    email: `maria.garcia+${serial}@example.com`,
    timestamp: now,
    ip: '141.92.55.102',
    firstName: 'Maria',
    lastName: 'Garcia',
    guid: `ord_${serial}_7f3a9c21`,
    orderId: `#${serial}`,
    city: 'Austin',
    state: 'Texas',
    stateCode: 'TX',
    country: 'United States',
    countryCode: 'US',
    productName: 'Trail Running Sneakers',
    productLink: 'https://shop.example.com/products/trail-running-sneakers',
    productImage: 'https://cdn.shop.example.com/images/products/trail-running-sneakers-800x800.jpg',
    productId: 'sku_TRS_042_BLU_10',
    quantity: 1,
    total: 129.9,
    currency: 'USD',
    source: 'checkout',
    note: 'Gift wrap, please.',
  };
}

export function conversionBody(format: BodyFormat, n: number, now = Date.now()): string {
  const fields = conversionFields(n, now);
  if (format === 'json') return JSON.stringify(fields);
  return new URLSearchParams(
    Object.entries(fields).map(([key, value]): [string, string] => [key, String(value)]),
  ).toString();
}
