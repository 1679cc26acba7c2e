// The webhook pipeline: find the notification, read the body once (bounded), interpret it, and
// commit — the reply goes out only after the commit (durable before 200).
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Conversion } from '../conversions/conversion.types.ts';
import type { GeoLookup } from '../geo/geo.types.ts';
import type { Notification } from '../notifications/notification.types.ts';
import type { SenderIndex } from '../senders/sender-index.ts';
import type { DeliveryLogBudget } from '../retention/delivery-log-budget.ts';
import type { Storage } from '../storage/storage.ts';
import { keepBodyOf } from './body-keeping.ts';
import { MAX_BODY_BYTES } from './decode-body.ts';
import type { DeliveryOutcome, DeliveryRecord, RecordReceipt, RecordResult } from '../deliveries/delivery.types.ts';
import {
  NORMALIZING_FAILED_KEPT_MESSAGE,
  NORMALIZING_FAILED_REASON,
  type ReceivedRequest,
  interpretDelivery,
  recordBase,
} from './interpret-delivery.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { readRawBody } from './read-body.ts';
import { testEventConversion } from './test-event.ts';
import {
  DELETED_WEBHOOK_REPLY,
  INVALID_SIGNATURE_REPLY,
  OUTCOME_REPLIES,
  UNAVAILABLE_REPLY,
  rateLimitedReply,
  UNKNOWN_WEBHOOK_REPLY,
  type WebhookReply,
} from './webhook-replies.ts';

export interface WebhookDeps {
  storage: Storage;
  geo: GeoLookup;
  clock: Clock;
  logger: Logger;
  /** Called after the commit for every stored conversion (realtime push). Must not throw. */
  onConversion: (conversion: Conversion, notification: Notification) => void;
  /** Per-notification flood control; when it fails, requests pass (a refused event is a lost conversion). */
  rateLimiter?: RateLimiter;
  /** Called after the commit for every stored delivery (the admin's live inspector). Must not throw. */
  onDelivery?: (result: RecordResult, notification: Notification) => void;
  /** Sender profiles (see server/senders); detection alone without them. */
  senders?: SenderIndex;
  /** Called after the commit for every test event (see test-event.ts): preview widgets only. Must not throw. */
  onTestEvent?: (event: Conversion, notification: Notification) => void;
  /** The client's address as TRUST_PROXY decides it (see trust-proxy.ts), for logs; the TCP peer without it. */
  clientAddress?: (req: IncomingMessage) => string;
  /** Counts each stored delivery against its site's storage budget; no budget without it. */
  logBudget?: DeliveryLogBudget;
}

// Never stored: a cookie has no business in a webhook and would only leak into the inspector.
const DROPPED_HEADERS = new Set(['cookie']);

function headerRecord(req: IncomingMessage): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || DROPPED_HEADERS.has(name)) continue;
    record[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
}

function queryOf(req: IncomingMessage): string | null {
  const index = req.url?.indexOf('?') ?? -1;
  if (index < 0) return null;
  const query = (req.url as string).slice(index + 1);
  return query === '' ? null : query;
}

/** Stores a delivery and, after the commit, hands its conversion to the realtime push. */
export async function commitDelivery(
  record: DeliveryRecord,
  notification: Notification,
  deps: WebhookDeps,
): Promise<RecordReceipt> {
  const result = await deps.storage.deliveries.record(record);
  deps.logBudget?.noteStored(record.siteId, result.storedBytes);
  // After the reply: the 200 is written in this turn of the event loop, the pushes in the next, so
  // a sender never waits for a broadcast (and a slow broadcast never delays other acks).
  setImmediate(() => {
    try {
      if (result.conversion) deps.onConversion(result.conversion, notification);
      if (result.outcome === 'test' && record.normalized) {
        deps.onTestEvent?.(
          testEventConversion({ ...record, deliveryId: result.deliveryId, normalized: record.normalized }),
          notification,
        );
      }
      deps.onDelivery?.(result, notification);
    } catch (error) {
      deps.logger.error({ err: error }, 'webhook: publishing after the commit failed');
    }
  });
  return result;
}

async function checkRateLimit(notification: Notification, deps: WebhookDeps): Promise<WebhookReply | undefined> {
  if (!deps.rateLimiter) return undefined;
  try {
    const decision = await deps.rateLimiter.take(`notification:${notification.id}`);
    return decision.allowed ? undefined : rateLimitedReply(decision.retryAfterMs);
  } catch (error) {
    deps.logger.warn({ err: error }, 'webhook: rate limiter unavailable; letting the request through');
    return undefined;
  }
}

const clientOf = (req: IncomingMessage, deps: WebhookDeps) =>
  deps.clientAddress ? deps.clientAddress(req) : (req.socket.remoteAddress ?? 'unknown');

/** What the webhook's log line and metrics learn from the pipeline (see server/observability/webhook-observer.ts). */
export interface WebhookTrace {
  notificationId?: number;
  /** Set once a delivery was recorded. */
  outcome?: DeliveryOutcome;
  bodyBytes?: number;
  /** The stored conversion, so that its push can be timed from the reply. */
  conversion?: Conversion;
}

export async function handleWebhook(
  req: IncomingMessage,
  token: string,
  deps: WebhookDeps,
  trace: WebhookTrace = {},
): Promise<WebhookReply> {
  const receivedAt = deps.clock.now();
  let notification: Notification | undefined;
  try {
    notification = await deps.storage.notifications.findByIngestToken(token);
  } catch (error) {
    deps.logger.error({ err: error, client: clientOf(req, deps) }, 'webhook: notification lookup failed');
    req.resume();
    return UNAVAILABLE_REPLY;
  }
  if (!notification) {
    req.resume();
    return UNKNOWN_WEBHOOK_REPLY;
  }
  trace.notificationId = notification.id;
  if (notification.status === 'deleted') {
    req.resume();
    return DELETED_WEBHOOK_REPLY;
  }

  const refused = await checkRateLimit(notification, deps);
  if (refused) {
    req.resume();
    return refused;
  }

  const raw = await readRawBody(req, MAX_BODY_BYTES);
  if (!raw.ok && raw.reason === 'aborted') return OUTCOME_REPLIES.ignored; // nobody is listening any more

  const request: ReceivedRequest = {
    receivedAt,
    method: req.method ?? 'POST',
    headers: headerRecord(req),
    query: queryOf(req),
    body: raw.ok ? raw.bytes : raw.head,
  };
  const interpreted: DeliveryRecord = raw.ok
    ? await interpretDelivery(notification, request, deps)
    : {
        ...recordBase(notification, request),
        bodyBytes: raw.declaredBytes ?? raw.head.length,
        bodyTruncated: true,
        status: 413,
        outcome: 'rejected',
        reason: `body over the ${MAX_BODY_BYTES}-byte limit`,
        dedupeKey: null,
        bodyFormat: null,
        normalized: null,
        fieldSources: null,
        conversion: null,
      };
  const record = keepBodyOf(interpreted);
  trace.bodyBytes = record.bodyBytes;

  try {
    const { outcome, deliveryId, conversion } = await commitDelivery(record, notification, deps);
    trace.outcome = outcome;
    trace.conversion = conversion ?? undefined;
    if (record.reason === NORMALIZING_FAILED_REASON) {
      // The id a replay needs, beside the error interpretDelivery logged before the commit.
      deps.logger.error({ notificationId: notification.id, receivedAt, deliveryId }, NORMALIZING_FAILED_KEPT_MESSAGE);
    }
    return record.status === 401 ? INVALID_SIGNATURE_REPLY : OUTCOME_REPLIES[outcome];
  } catch (error) {
    deps.logger.error(
      { err: error, notificationId: notification.id, client: clientOf(req, deps) },
      'webhook: storing the delivery failed',
    );
    return UNAVAILABLE_REPLY;
  }
}
