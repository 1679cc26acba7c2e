// The webhook route's status policy: what each outcome answers. Senders disable webhooks on
// some 4xx (Kajabi's webhook docs: 400/401/403/404/405/406/410/411) and website builders' webhook
// docs say any non-2xx emails the site owner, so everything a sender sent in good faith gets exactly 200, and no reply
// ever echoes input (a store platform deletes a webhook whose reply contains "please unsubscribe me").
import type { DeliveryOutcome } from '../deliveries/delivery.types.ts';

export interface WebhookReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

const json = (status: number, value: unknown, headers?: Record<string, string>): WebhookReply => ({
  status,
  body: JSON.stringify(value),
  ...(headers ? { headers } : {}),
});

/** Seconds a sender should wait before retrying after our own failure. */
export const RETRY_AFTER_SECONDS = 30;

export const OUTCOME_REPLIES: Record<DeliveryOutcome, WebhookReply> = {
  accepted: json(200, { ok: true, status: 'accepted' }),
  duplicate: json(200, { ok: true, status: 'duplicate' }),
  ignored: json(200, { ok: true, status: 'ignored' }),
  unparsed: json(200, { ok: true, status: 'unparsed' }),
  rejected: json(413, { error: { code: 'payload-too-large', message: 'Webhook bodies are limited to 1 MiB' } }),
  // Quarantined: kept out of sight but answered 200, so a sender that deactivates on 401 keeps
  // delivering while the owner fixes the secret (see SECURITY.md).
  unverified: json(200, { ok: true, status: 'unverified' }),
  test: json(200, {
    ok: true,
    status: 'test',
    message: 'Test event: shown only to preview widgets; not stored as a conversion and not counted',
  }),
};

/** For notifications set to reject: the one 4xx a sender gets for something it sent. */
export const INVALID_SIGNATURE_REPLY = json(401, {
  error: { code: 'invalid-signature', message: 'Signature verification failed' },
});

export const UNKNOWN_WEBHOOK_REPLY = json(404, {
  error: { code: 'unknown-webhook', message: 'No webhook at this URL' },
});

export const DELETED_WEBHOOK_REPLY = json(410, {
  error: { code: 'webhook-deleted', message: 'This webhook was deleted; remove it from the sender' },
});

/** Not in any sender's deactivation list: senders retry a 429 after Retry-After. */
export function rateLimitedReply(retryAfterMs: number): WebhookReply {
  return json(
    429,
    { error: { code: 'rate-limited', message: 'Too many webhooks for this notification; retry later' } },
    { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  );
}

export const UNAVAILABLE_REPLY = json(
  503,
  { error: { code: 'temporarily-unavailable', message: 'Storage is unavailable; retry later' } },
  { 'Retry-After': String(RETRY_AFTER_SECONDS) },
);
