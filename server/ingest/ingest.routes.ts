// The webhook URL, served by a plain node:http handler in front of Express: senders wait on this
// reply (a store platform retries after 5 s), and Express's router, helmet and response helpers cost more
// per request than everything else on the ack path but the commit. The handler reads its own raw
// body (signatures need the exact bytes), so nothing generic runs before it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { WebhookObserver } from '../observability/webhook-observer.ts';
import { type WebhookDeps, type WebhookTrace, handleWebhook } from './handle-webhook.ts';
import { UNAVAILABLE_REPLY, type WebhookReply } from './webhook-replies.ts';

const HOOK_PATH = /^\/hooks\/([^/?#]+)\/?(?:\?.*)?$/i;

/** The ingest token in a webhook URL (`/hooks/<token>`, optional trailing slash and query), else undefined. */
export function matchWebhookPath(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const match = HOOK_PATH.exec(url);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1] as string);
  } catch {
    return undefined; // malformed %-escape: not a token we ever issued; Express answers the 404
  }
}

function send(res: ServerResponse, reply: WebhookReply): void {
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(reply.body),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    ...reply.headers,
  };
  // The rest of an oversized body is never read: the connection cannot carry another request.
  if (reply.status === 413) headers.connection = 'close';
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

const declaredBytesOf = (req: IncomingMessage) => {
  const declared = Number(req.headers['content-length']);
  return Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined;
};

/**
 * Every method lands here: a sender checking the URL with GET/HEAD/OPTIONS must get a 200, never a
 * 405 that could make a store platform disable the webhook. Returns false for any other URL.
 * The observer (log line and metrics) hears of every reply once it is written.
 */
export function createWebhookHandler(deps: WebhookDeps, observer?: WebhookObserver) {
  return (req: IncomingMessage, res: ServerResponse, requestId = ''): boolean => {
    const token = matchWebhookPath(req.url);
    if (token === undefined) return false;
    const startedAt = performance.now();
    const trace: WebhookTrace = {};
    handleWebhook(req, token, deps, trace)
      .catch((error: unknown): WebhookReply => {
        deps.logger.error({ err: error, client: deps.clientAddress?.(req) }, 'webhook: unexpected failure');
        return UNAVAILABLE_REPLY;
      })
      .then((reply) => {
        send(res, reply);
        observer?.answered({
          method: req.method ?? 'POST',
          requestId,
          status: reply.status,
          startedAt,
          answeredAt: performance.now(),
          declaredBytes: declaredBytesOf(req),
          trace,
        });
      })
      .catch((error: unknown) => {
        // Only writing the reply is left to fail here (a socket gone bad): drop the connection.
        deps.logger.error({ err: error }, 'webhook: writing the reply failed');
        res.destroy();
      });
    return true;
  };
}
