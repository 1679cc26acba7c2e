// A conversion entered by hand, in the Proofhook conversion format: validated here, then read by
// the normalizer with each given field mapped to itself, so it is cleaned exactly like a webhook's
// (names tidied, a country fills its code, a US state its code, a time must be plausible).
import { z } from 'zod';
import { HttpError } from '../errors.ts';
import type { GeoLookup } from '../geo/geo.types.ts';
import type { DeliveryRecord } from '../deliveries/delivery.types.ts';
import { normalizePayload } from '../normalize/normalize-payload.ts';
import { isPlausibleTime, parseTime } from '../normalize/parse-time.ts';
import type { NormalizedConversion } from '../normalize/types.ts';
import type { Notification } from '../notifications/notification.types.ts';
import type { FieldMap } from '../senders/field-map.ts';
import { classifyEntry } from './entry-rules.ts';

/** The delivery method that marks a stored conversion as entered by hand (the inspector shows it). */
export const MANUAL_METHOD = 'MANUAL';

// A form sends "" for a field left empty: that is a field not given.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());
const text = (max: number) => optional(z.string().trim().max(max));
const link = optional(
  z
    .string()
    .trim()
    .max(2000)
    .url()
    .refine((url) => /^https?:\/\//i.test(url), 'must be an http or https URL'),
);

export function manualEntrySchema(now: number) {
  return z
    .object({
      email: optional(z.string().trim().toLowerCase().email().max(320)),
      firstName: text(100),
      lastName: text(100),
      city: text(100),
      state: text(100),
      stateCode: text(10),
      country: text(100),
      countryCode: optional(
        z
          .string()
          .trim()
          .regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 3166 code'),
      ),
      productName: text(200),
      productLink: link,
      productImage: link,
      total: optional(z.number().finite().min(0).max(1e12)),
      currency: optional(
        z
          .string()
          .trim()
          .regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 code'),
      ),
      timestamp: optional(
        z.union([z.number(), z.string().max(64)]).refine((value) => {
          const ms = parseTime(value);
          return ms !== undefined && isPlausibleTime(ms, now);
        }, 'must be a time (epoch milliseconds or ISO 8601) after 2000 and not in the future'),
      ),
    })
    .strict();
}

export type ManualEntry = z.infer<ReturnType<typeof manualEntrySchema>>;

/** Fields the normalizer may leave out when the value is no such thing, and what then carries it. */
const KEPT_AS: Readonly<Record<string, readonly (keyof NormalizedConversion)[]>> = {
  country: ['country', 'countryCode'],
  countryCode: ['countryCode', 'country'],
  state: ['state', 'stateCode'],
  stateCode: ['stateCode', 'state'],
};

const invalid = (message: string) => new HttpError(400, 'invalid-input', message);

export interface ManualEntryContext {
  notification: Notification;
  now: number;
  geo: GeoLookup;
}

/** The delivery record that stores the entry; a 400 naming the field the normalizer could not use. */
export function manualEntryRecord(entry: ManualEntry, ctx: ManualEntryContext): DeliveryRecord {
  const given = Object.entries(entry).filter(([, value]) => value !== undefined);
  const fieldMap = Object.fromEntries(given.map(([field]) => [field, field])) as FieldMap;
  const body = Object.fromEntries(given);
  const { conversion, sources } = normalizePayload(body, {
    receivedAt: ctx.now,
    lookupIp: (ip) => ctx.geo.lookup(ip),
    fieldMap,
  });
  for (const [field, value] of given) {
    const carriers = KEPT_AS[field] ?? [field as keyof NormalizedConversion];
    if (carriers.every((carrier) => conversion[carrier] === undefined)) {
      throw invalid(`${field}: ${JSON.stringify(value)} could not be used as a ${field}`);
    }
  }
  const classification = classifyEntry(ctx.notification, conversion);
  if (classification.outcome === 'ignored') {
    throw invalid(`Not stored: ${classification.reason} (give at least an email, a first name or a product)`);
  }
  const bytes = Buffer.from(JSON.stringify(body));
  return {
    notificationId: ctx.notification.id,
    siteId: ctx.notification.siteId,
    // Dated by its own time, like an import: a counter counts a backdated entry when it happened.
    receivedAt: Math.min(conversion.timestamp, ctx.now),
    method: MANUAL_METHOD,
    contentType: 'application/json',
    headers: { 'content-type': 'application/json' },
    query: null,
    body: bytes,
    bodyBytes: bytes.length,
    bodyTruncated: false,
    status: 201,
    outcome: 'accepted',
    reason: `entered by hand in the admin at ${new Date(ctx.now).toISOString()}`,
    // Each entry is one conversion: entering the same person twice means two.
    dedupeKey: null,
    bodyFormat: 'json',
    normalized: conversion,
    fieldSources: sources,
    conversion: classification.conversion,
  };
}
