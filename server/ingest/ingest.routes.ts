// Mounts the webhook URL. It reads its own raw body (no generic Express body parser runs here):
// signatures need the exact bytes, and skipping the parser stack keeps the ack fast.
import { Router } from 'express';
import { type WebhookDeps, handleWebhook } from './handle-webhook.ts';
import { UNAVAILABLE_REPLY, type WebhookReply } from './webhook-replies.ts';

export function createIngestRouter(deps: WebhookDeps): Router {
  const router = Router();
  // Every method lands here: a sender checking the URL with GET/HEAD/OPTIONS must get a 200,
  // never a 405 that could disable the webhook (seed 004).
  router.all('/hooks/:ingestToken', async (req, res) => {
    let reply: WebhookReply;
    try {
      reply = await handleWebhook(req, req.params.ingestToken as string, deps);
    } catch (error) {
      deps.logger.error({ err: error }, 'webhook: unexpected failure');
      reply = UNAVAILABLE_REPLY;
    }
    res.status(reply.status);
    if (reply.headers) res.set(reply.headers);
    if (reply.status === 413) res.set('Connection', 'close');
    res.type('application/json').send(reply.body);
  });
  return router;
}
