// What each answered webhook leaves behind: one info log line (method, notification, status,
// outcome, bytes, time, request id) and its metrics; and, when it stored a conversion, the moment of
// its reply, so the push to the widgets can be timed from there (proofhook_push_seconds).
import type { Logger } from 'pino';
import type { Conversion } from '../conversions/conversion.types.ts';
import type { WebhookTrace } from '../ingest/handle-webhook.ts';
import type { Metrics } from './metrics.ts';

export interface AnsweredWebhook {
  method: string;
  requestId: string;
  status: number;
  /** performance.now() when the request reached the server, and when its reply was written. */
  startedAt: number;
  answeredAt: number;
  /** The Content-Length the sender declared, for requests whose body was never read (unknown URL, rate limited). */
  declaredBytes?: number;
  trace: WebhookTrace;
}

/** Why a reply had no recorded outcome, read from its status (see webhook-replies.ts). */
const UNRECORDED_OUTCOMES: Record<number, string> = {
  200: 'aborted', // the sender went away before its body ended: nothing to record, nobody to answer
  404: 'unknown-webhook',
  410: 'deleted',
  429: 'rate-limited',
  503: 'unavailable',
};

export function outcomeOf(status: number, trace: WebhookTrace): string {
  return trace.outcome ?? UNRECORDED_OUTCOMES[status] ?? 'error';
}

export function createWebhookObserver(deps: { metrics: Metrics; logger: Logger }) {
  const { metrics, logger } = deps;
  // Held only until the push (right after the reply): a conversion that is never pushed (an inactive
  // notification) is dropped with its object.
  const answeredAt = new WeakMap<Conversion, number>();

  return {
    answered(webhook: AnsweredWebhook) {
      const { trace, status } = webhook;
      const outcome = outcomeOf(status, trace);
      const ms = webhook.answeredAt - webhook.startedAt;
      metrics.webhookAnswered({ outcome, status, ackMs: ms });
      if (trace.conversion) answeredAt.set(trace.conversion, webhook.answeredAt);
      logger.info(
        {
          requestId: webhook.requestId,
          method: webhook.method,
          notificationId: trace.notificationId ?? null,
          status,
          outcome,
          bytes: trace.bodyBytes ?? webhook.declaredBytes ?? 0,
          ms: Math.round(ms * 10) / 10,
        },
        'webhook',
      );
    },
    /** After the conversion went out to this process's widgets; replays and imports were never answered here. */
    pushed(conversion: Conversion, at: number) {
      const since = answeredAt.get(conversion);
      if (since === undefined) return;
      answeredAt.delete(conversion);
      metrics.pushed(at - since);
    },
  };
}

export type WebhookObserver = ReturnType<typeof createWebhookObserver>;
