// Builders for storage tests: a site with a notification, and delivery records that take overrides.
import type { DeliveryRecord } from '../../server/deliveries/delivery.types.ts';
import type { NormalizedConversion } from '../../server/normalize/types.ts';
import type { Storage } from '../../server/storage/storage.ts';

export interface Target {
  notificationId: number;
  siteId: number;
}

export async function createTarget(storage: Storage, name = 'Sneaker Shop'): Promise<Target> {
  const site = await storage.sites.create({ name, allowedOrigins: [] });
  const notification = await storage.notifications.create({
    siteId: site.id,
    kind: 'conversion',
    name: 'Recent purchases',
    messageTemplate: '{{firstName}} bought {{productName}}',
    display: {},
  });
  return { notificationId: notification.id, siteId: site.id };
}

export function buildConversion(at: number, overrides: Partial<NormalizedConversion> = {}): NormalizedConversion {
  return {
    email: 'jane.doe@example.com',
    firstName: 'Jane',
    lastName: 'Doe',
    nameDerived: false,
    ip: '203.0.113.7',
    city: 'Miami',
    state: 'Florida',
    stateCode: 'FL',
    country: 'United States',
    countryCode: 'US',
    productName: 'Air Max 90',
    productLink: 'https://shop.example.com/p/air-max-90',
    productImage: 'https://cdn.example.com/air-max-90.png',
    total: 129.99,
    currency: 'USD',
    products: [{ name: 'Air Max 90', price: 129.99, quantity: 1 }],
    moreProducts: 0,
    guid: 'order-1001',
    timestamp: at,
    event: 'order_created',
    ...overrides,
  };
}

/** An accepted JSON delivery that wants its conversion stored; `at` is the receive time. */
export function buildDelivery(target: Target, at: number, overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
  const conversion = buildConversion(at);
  return {
    notificationId: target.notificationId,
    siteId: target.siteId,
    receivedAt: at,
    method: 'POST',
    contentType: 'application/json',
    headers: { 'content-type': 'application/json', 'webhook-id': 'evt_1' },
    query: null,
    body: Buffer.from(JSON.stringify({ email: conversion.email, total: conversion.total })),
    bodyBytes: 52,
    bodyTruncated: false,
    status: 200,
    outcome: 'accepted',
    reason: null,
    dedupeKey: 'header:webhook-id=evt_1',
    bodyFormat: 'json',
    normalized: conversion,
    fieldSources: { email: 'email', total: 'total' },
    conversion,
    ...overrides,
  };
}
