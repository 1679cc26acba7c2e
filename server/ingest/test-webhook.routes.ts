// Admin API: "Send test" fires a sample conversion through the notification's real webhook URL
// over loopback, so the test takes exactly the path a sender's request takes. It is marked as a test
// event: read to the end and kept for the inspector, shown only to preview widgets, never counted.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import { z } from 'zod';
import type { TestReply } from '../../shared/sample-purchase.ts';
import type { Clock } from '../clock.ts';
import { HttpError, notFound } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId, validateInput } from '../validate.ts';
import { SAMPLE_FORMATS, sampleWebhook } from './sample-webhooks.ts';
import { signForTest } from './signatures/sign-for-test.ts';
import { TEST_EVENT_HEADER } from './test-event.ts';

const testInput = z.object({ format: z.enum(SAMPLE_FORMATS).default('proofhook') }).strict();

export function createTestWebhookRouter(storage: Storage, clock: Clock, httpServer: Server): Router {
  const router = Router();
  router.post('/notifications/:id/test', async (req, res) => {
    const notification = await storage.notifications.find(parseId(req.params.id, 'notification'));
    if (!notification) throw notFound('notification');
    const { format } = validateInput(testInput, req.body);
    const address = httpServer.address() as AddressInfo | null;
    if (!address || typeof address !== 'object')
      throw new HttpError(503, 'not-listening', 'The server is not listening');
    const host =
      address.family === 'IPv6'
        ? `[${address.address === '::' ? '::1' : address.address}]`
        : address.address === '0.0.0.0'
          ? '127.0.0.1'
          : address.address;
    const now = clock.now();
    const sample = sampleWebhook(format, now);
    // Signed like the real sender would, so a notification that checks signatures accepts its test.
    const signature = notification.verification
      ? signForTest(notification.verification, sample.body, now, { webhookId: `msg_test_${randomUUID()}` })
      : {};
    const answer = await fetch(`http://${host}:${address.port}/hooks/${notification.ingestToken}`, {
      method: 'POST',
      headers: {
        'Content-Type': sample.contentType,
        'User-Agent': 'Proofhook-Send-Test/1',
        ...sample.headers,
        ...signature,
        [TEST_EVENT_HEADER]: '1',
      },
      body: sample.body,
    });
    // Our own webhook route answered (webhook-replies.ts): a JSON `status` or `error`.
    const reply: TestReply = { format, status: answer.status, reply: (await answer.json()) as TestReply['reply'] };
    res.json(reply);
  });
  return router;
}
