// Turns one received request (live or replayed from the log) into a delivery record: undo the
// encoding, parse, normalize, classify and choose the dedupe key. Nothing here writes.
import type { Logger } from 'pino';
import type { GeoLookup } from '../geo/geo.types.ts';
import type { Notification } from '../notifications/notification.types.ts';
import { normalizePayload } from '../normalize/normalize-payload.ts';
import type { SenderIndex } from '../senders/sender-index.ts';
import { type RequestShape, classifyDelivery } from './classify-delivery.ts';
import { BodyDecodeError, BodyTooLargeError, MAX_BODY_BYTES, decompressBody } from './decode-body.ts';
import { chooseDedupeKey } from './dedupe-key.ts';
import type { DeliveryRecord } from '../deliveries/delivery.types.ts';
import { BodyParseError, type ParsedBody, parseBody } from './parse-body.ts';
import { parseQueryString } from './parse-form.ts';
import { verifySignature } from './signatures/verify-signature.ts';
import { TEST_EVENT_REASON, isTestRequest } from './test-event.ts';

/** A request as stored: lower-case header names, the query without `?`, the raw (maybe compressed) body. */
export interface ReceivedRequest {
  receivedAt: number;
  method: string;
  headers: Record<string, string>;
  query: string | null;
  body: Buffer;
  /** The moment a signed timestamp is checked against: the receive time, also for a replay. */
  signedAt?: number;
  /** The stored delivery a replay reads again; absent for a live request (its id comes with the commit). */
  deliveryId?: number;
}

export interface InterpretDeps {
  geo: GeoLookup;
  logger: Logger;
  /** Sender profiles for exact reading of popular senders; detection alone without them. */
  senders?: SenderIndex;
}

/** Our own failure: the whole body is kept (see body-keeping.ts) so a replay after the fix can read it. */
export const NORMALIZING_FAILED_REASON = 'internal error while normalizing; the body is kept and can be replayed';
/** The log messages of that failure: the error with its stack, then (live requests) the stored delivery's id. */
export const NORMALIZING_FAILED_MESSAGE = 'webhook: normalizing failed';
export const NORMALIZING_FAILED_KEPT_MESSAGE = 'webhook: normalizing failed; delivery kept for replay';

const CHECK_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);

type RecordBase = Pick<
  DeliveryRecord,
  | 'notificationId'
  | 'siteId'
  | 'receivedAt'
  | 'method'
  | 'contentType'
  | 'headers'
  | 'query'
  | 'body'
  | 'bodyBytes'
  | 'bodyTruncated'
>;

const NOTHING_FOUND = { dedupeKey: null, bodyFormat: null, normalized: null, fieldSources: null, conversion: null };

export function recordBase(notification: Notification, request: ReceivedRequest): RecordBase {
  return {
    notificationId: notification.id,
    siteId: notification.siteId,
    receivedAt: request.receivedAt,
    method: request.method,
    contentType: request.headers['content-type'] ?? null,
    headers: request.headers,
    query: request.query,
    body: request.body,
    bodyBytes: request.body.length,
    bodyTruncated: false,
  };
}

export async function interpretDelivery(
  notification: Notification,
  request: ReceivedRequest,
  deps: InterpretDeps,
): Promise<DeliveryRecord> {
  const base = recordBase(notification, request);
  let decoded: Buffer;
  try {
    decoded = await decompressBody(request.body, request.headers['content-encoding'], MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return { ...base, ...NOTHING_FOUND, status: 413, outcome: 'rejected', reason: error.message };
    }
    if (error instanceof BodyDecodeError) {
      return { ...base, ...NOTHING_FOUND, status: 200, outcome: 'unparsed', reason: error.message };
    }
    throw error;
  }
  const unverified = checkSignature(notification, request, decoded);
  let parsed: ParsedBody;
  try {
    parsed = await parseBody(decoded, request.headers['content-type']);
  } catch (error) {
    if (error instanceof BodyParseError) {
      if (unverified)
        return { ...base, ...NOTHING_FOUND, ...unverified, reason: `${unverified.reason}; ${error.message}` };
      return { ...base, ...NOTHING_FOUND, status: 200, outcome: 'unparsed', reason: error.message };
    }
    throw error;
  }
  try {
    const record = classify(notification, request, parsed, decoded, base, deps);
    // Quarantined or refused: normalized for the inspector, never stored as a conversion.
    return unverified ? { ...record, ...unverified, dedupeKey: null, conversion: null } : record;
  } catch (error) {
    // Our bug, not the sender's: keep the bytes for a replay after the fix and answer 200,
    // because a sender that keeps failing disables the webhook (store platforms deactivate on 400/401/403/404/405/406/410/411).
    // A live request has no id yet: the webhook route logs it (NORMALIZING_FAILED_KEPT_MESSAGE) once stored.
    deps.logger.error(
      { err: error, notificationId: notification.id, receivedAt: request.receivedAt, deliveryId: request.deliveryId },
      NORMALIZING_FAILED_MESSAGE,
    );
    return { ...base, ...NOTHING_FOUND, status: 200, outcome: 'unparsed', reason: NORMALIZING_FAILED_REASON };
  }
}

/** What normalization reads and field-map paths address: the parsed body, or the query's fields when it is empty. */
function payloadOf(body: ParsedBody, query: string | null): unknown {
  if (body.format !== 'empty') return body.value;
  const queryData = query ? parseQueryString(query) : undefined;
  return queryData !== undefined && Object.keys(queryData).length > 0 ? queryData : undefined;
}

/** A stored request's payload as interpretDelivery reads it; undefined when the body does not decode or parse. */
export async function readPayload(request: Pick<ReceivedRequest, 'headers' | 'query' | 'body'>): Promise<unknown> {
  try {
    const decoded = await decompressBody(request.body, request.headers['content-encoding'], MAX_BODY_BYTES);
    return payloadOf(await parseBody(decoded, request.headers['content-type']), request.query);
  } catch (error) {
    if (error instanceof BodyTooLargeError || error instanceof BodyDecodeError || error instanceof BodyParseError) {
      return undefined;
    }
    throw error;
  }
}

// WooCommerce pings a new webhook with an unsigned `webhook_id=N` form post; it must get its 200.
const UNSIGNED_PING = /^webhook_id=\d+$/;

/** Undefined when the signature holds or is not required; else what the failure makes of the delivery. */
function checkSignature(
  notification: Notification,
  request: ReceivedRequest,
  decoded: Buffer,
): Pick<DeliveryRecord, 'status' | 'outcome' | 'reason'> | undefined {
  if (!notification.verification) return undefined;
  const result = verifySignature(notification.verification, {
    headers: request.headers,
    body: decoded,
    now: request.signedAt ?? request.receivedAt,
  });
  if (result.ok) return undefined;
  if (decoded.length < 40 && UNSIGNED_PING.test(decoded.toString('latin1').trim())) {
    return { status: 200, outcome: 'ignored', reason: 'validation request (unsigned ping)' };
  }
  const status = notification.onVerificationFailure === 'reject' ? 401 : 200;
  return { status, outcome: 'unverified', reason: `signature check failed (${result.scheme}): ${result.reason}` };
}

function classify(
  notification: Notification,
  request: ReceivedRequest,
  body: ParsedBody,
  decoded: Buffer,
  base: RecordBase,
  deps: InterpretDeps,
): DeliveryRecord {
  const payload = payloadOf(body, request.query);
  const shape: RequestShape =
    payload !== undefined ? 'data' : CHECK_METHODS.has(request.method.toUpperCase()) ? 'check' : 'empty';

  const { conversion, sources } = normalizePayload(payload, {
    receivedAt: request.receivedAt,
    lookupIp: (ip) => deps.geo.lookup(ip),
    headers: request.headers,
    senders: deps.senders,
    fieldMap: notification.fieldMap,
  });
  const classification = classifyDelivery({ notification, shape, conversion });
  // A test is read to the end (profiles, detection, field map) and kept for the inspector, but never
  // claims a dedupe key or becomes a conversion.
  const test = classification.outcome === 'accepted' && isTestRequest(request.headers);
  const dedupeKey =
    classification.outcome === 'accepted' && !test
      ? chooseDedupeKey({
          headers: request.headers,
          eventId: conversion.eventId,
          body: decoded,
          hashBody: notification.kind === 'stream',
        })
      : null;
  const notes = [
    ...(body.sniffed ? [`content type detected as ${body.format}`] : []),
    ...(body.files.length > 0 ? [`files ignored: ${body.files.join(', ')}`] : []),
    ...body.warnings,
  ];
  const reasons =
    classification.outcome === 'ignored'
      ? [classification.reason, ...notes]
      : test
        ? [TEST_EVENT_REASON, ...notes]
        : notes;
  return {
    ...base,
    status: 200,
    outcome: test ? 'test' : classification.outcome,
    reason: reasons.length > 0 ? reasons.join('; ') : null,
    dedupeKey,
    bodyFormat: body.format,
    normalized: shape === 'data' ? conversion : null,
    fieldSources: shape === 'data' ? sources : null,
    conversion: classification.outcome === 'accepted' && !test ? classification.conversion : null,
  };
}
