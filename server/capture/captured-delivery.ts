// Turns a captured form into a delivery to the rule's notification, read by the webhook path itself
// (interpretDelivery: parse, normalize, classify, dedupe key), so a captured sign-up is cleaned,
// deduplicated and stored exactly like a webhook carrying the same JSON. What marks it as captured:
// the method CAPTURE, the header `x-proofhook-source: form-capture`, and a reason naming the page.
import type { CapturedField, CapturedForm } from '../../shared/protocol.ts';
import type { GeoLookup } from '../geo/geo.types.ts';
import { keepBodyOf } from '../ingest/body-keeping.ts';
import type { DeliveryRecord } from '../deliveries/delivery.types.ts';
import { interpretDelivery } from '../ingest/interpret-delivery.ts';
import type { Notification } from '../notifications/notification.types.ts';
import type { Logger } from 'pino';
import type { CaptureRule } from './capture-rule.types.ts';

/** The delivery method that marks a stored delivery as a captured form (the inspector shows it). */
export const CAPTURE_METHOD = 'CAPTURE';
export const CAPTURE_SOURCE_HEADER = 'x-proofhook-source';
export const CAPTURE_SOURCE = 'form-capture';

/** The body's keys: the names webhooks of form tools use, which the normalizer reads without a field map. */
const BODY_KEYS: Readonly<Record<CapturedField, string>> = {
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  name: 'name',
  city: 'city',
};
const ORDER: readonly CapturedField[] = ['email', 'firstName', 'lastName', 'name', 'city'];

/** Always the same bytes for the same fields, so the same person sending the form twice is a duplicate. */
export function capturedBody(fields: CapturedForm['fields']): Buffer {
  const body: Record<string, string> = {};
  for (const field of ORDER) {
    const value = fields[field];
    if (value !== undefined) body[BODY_KEYS[field]] = value;
  }
  return Buffer.from(JSON.stringify(body));
}

export interface CapturedDeliveryContext {
  notification: Notification;
  rule: CaptureRule;
  receivedAt: number;
  geo: GeoLookup;
  logger: Logger;
}

export async function capturedDeliveryRecord(
  form: CapturedForm,
  ctx: CapturedDeliveryContext,
): Promise<DeliveryRecord> {
  const request = {
    receivedAt: ctx.receivedAt,
    method: CAPTURE_METHOD,
    headers: { 'content-type': 'application/json', [CAPTURE_SOURCE_HEADER]: CAPTURE_SOURCE },
    query: null,
    body: capturedBody(form.fields),
  };
  // The notification's signature check and field map describe its sender's webhooks, not this form:
  // the form's fields already carry the names the normalizer reads. No sender profiles either.
  const asForm: Notification = { ...ctx.notification, verification: null, fieldMap: null };
  const record = await interpretDelivery(asForm, request, { geo: ctx.geo, logger: ctx.logger });
  const note = `captured from a form on ${form.path.slice(0, 200)} (capture rule ${ctx.rule.id}, ${ctx.rule.selector})`;
  return keepBodyOf({ ...record, reason: record.reason ? `${note}; ${record.reason}` : note });
}
