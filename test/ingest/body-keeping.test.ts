// What the delivery log keeps of a body: a delivery that made nothing (ignored, unparsed, refused as
// too large) keeps its first 8 KiB, marked truncated with a note in its reason, so a public webhook
// URL cannot fill the disk; bodies Proofhook may need again (accepted, test events, unverified, our
// own normalizing failure) keep every byte and can be replayed.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { UNUSED_BODY_KEPT_BYTES, keepBodyOf } from '../../server/ingest/body-keeping.ts';
import { MAX_BODY_BYTES } from '../../server/ingest/decode-body.ts';
import type { DeliveryRecord } from '../../server/deliveries/delivery.types.ts';
import { NORMALIZING_FAILED_REASON } from '../../server/ingest/interpret-delivery.ts';
import { appBackends } from '../support/app-backends.ts';
import { type AnyTestApp, createNotification } from '../support/test-app.ts';

const KIB = 1024;
const padded = (fields: object, bytes: number) => {
  const json = JSON.stringify({ ...fields, padding: '' });
  return JSON.stringify({ ...fields, padding: 'x'.repeat(bytes - json.length) });
};

describe('keepBodyOf', () => {
  const record = (outcome: DeliveryRecord['outcome'], bytes: number, reason: string | null = null) =>
    ({ outcome, reason, body: Buffer.alloc(bytes, 0x61), bodyBytes: bytes, bodyTruncated: false }) as DeliveryRecord;

  test.each(['ignored', 'unparsed', 'rejected'] as const)('an %s body over 8 KiB keeps its first 8 KiB', (outcome) => {
    const kept = keepBodyOf(record(outcome, 20 * KIB, 'why'));
    expect(kept.body).toHaveLength(UNUSED_BODY_KEPT_BYTES);
    expect(kept).toMatchObject({ bodyTruncated: true, bodyBytes: 20 * KIB });
    expect(kept.reason).toBe(
      `why; body kept to its first 8192 of 20480 bytes (${outcome} deliveries keep only their start)`,
    );
  });

  test.each(['accepted', 'test', 'unverified'] as const)('an %s body keeps every byte', (outcome) => {
    expect(keepBodyOf(record(outcome, 20 * KIB)).body).toHaveLength(20 * KIB);
  });

  test('an ignored body of 8 KiB or less, and our own normalizing failure, keep every byte', () => {
    expect(keepBodyOf(record('ignored', UNUSED_BODY_KEPT_BYTES)).bodyTruncated).toBe(false);
    expect(keepBodyOf(record('unparsed', 20 * KIB, NORMALIZING_FAILED_REASON)).body).toHaveLength(20 * KIB);
  });
});

describe.each(appBackends('body keeping'))('through the webhook URL on $name', (backend) => {
  let t: AnyTestApp;
  beforeEach(async () => {
    t = await backend.createApp();
  });
  afterEach(() => t.close());

  const detail = async (notificationId: number) => {
    const list = await t.api.get(`/api/notifications/${notificationId}/deliveries?limit=1`).expect(200);
    return (await t.api.get(`/api/deliveries/${list.body.deliveries[0].id}`).expect(200)).body;
  };

  test('an ignored body keeps 8 KiB, the inspector says so, and it cannot be replayed', async () => {
    const { notification, hookPath } = await createNotification(t);
    const body = padded({ note: 'no person here' }, 100 * KIB);
    await request(t.app).post(hookPath).type('json').send(body).expect(200);
    const delivery = await detail(notification.id);
    expect(delivery).toMatchObject({ outcome: 'ignored', bodyTruncated: true, bodyBytes: 100 * KIB });
    expect(delivery.reason).toMatch(
      /^no email address found in the payload; body kept to its first 8192 of 102400 bytes/,
    );
    expect(delivery.bodyText).toBe(body.slice(0, UNUSED_BODY_KEPT_BYTES));
    const bytes = await t.api.get(`/api/deliveries/${delivery.id}/body`).expect(200);
    expect(bytes.body).toHaveLength(UNUSED_BODY_KEPT_BYTES);
    const replay = await t.api.post(`/api/deliveries/${delivery.id}/replay`).expect(409);
    expect(replay.body.error.code).toBe('not-replayable');
  });

  test('an unparsed body and one refused as too large once inflated keep 8 KiB too', async () => {
    const { notification, hookPath } = await createNotification(t);
    const broken = `{"email": "x@example.com", ${'"a": '.repeat(4000)}`;
    await request(t.app).post(hookPath).type('json').send(broken).expect(200);
    expect(await detail(notification.id)).toMatchObject({
      outcome: 'unparsed',
      bodyTruncated: true,
      bodyBytes: broken.length,
    });

    // Compressed under the limit, over it once inflated: refused, and its compressed bytes are junk.
    const noise = randomBytes(64 * KIB).toString('base64');
    const inflated = JSON.stringify({ noise, padding: 'a'.repeat(MAX_BODY_BYTES) });
    await request(t.app)
      .post(hookPath)
      .set({ 'Content-Type': 'application/octet-stream', 'Content-Encoding': 'gzip' })
      .send(gzipSync(inflated))
      .expect(413);
    const rejected = await detail(notification.id);
    expect(rejected).toMatchObject({ outcome: 'rejected', bodyTruncated: true });
    expect(rejected.bodyBytes).toBeGreaterThan(UNUSED_BODY_KEPT_BYTES);
    const bytes = await t.api.get(`/api/deliveries/${rejected.id}/body`).expect(200);
    expect(bytes.body).toHaveLength(UNUSED_BODY_KEPT_BYTES);
  });

  test('an accepted body and a test event keep every byte, and the accepted one replays', async () => {
    const { notification, hookPath } = await createNotification(t);
    const body = padded({ email: 'maria@example.com', firstName: 'Maria' }, 100 * KIB);
    await request(t.app).post(hookPath).type('json').send(body).expect(200);
    const accepted = await detail(notification.id);
    expect(accepted).toMatchObject({ outcome: 'accepted', bodyTruncated: false, bodyText: body });
    await t.api.post(`/api/deliveries/${accepted.id}/replay`).expect(201);

    await request(t.app).post(hookPath).set('X-Proofhook-Test', '1').type('json').send(body).expect(200);
    expect(await detail(notification.id)).toMatchObject({ outcome: 'test', bodyTruncated: false, bodyText: body });
  });

  test('junk posted to a public webhook URL grows the log by 8 KiB a request, not by its size', async () => {
    const { site, hookPath } = await createNotification(t);
    const junk = padded({ note: 'junk' }, 512 * KIB);
    for (let i = 0; i < 30; i += 1) await request(t.app).post(hookPath).type('json').send(junk).expect(200);
    const stored = await t.storage.deliveries.storedBytesOfSite(site.id);
    // 8 KiB of body and a few hundred bytes of headers and reason each, instead of 15 MiB in all.
    expect(stored).toBeGreaterThan(30 * UNUSED_BODY_KEPT_BYTES);
    expect(stored).toBeLessThan(30 * (UNUSED_BODY_KEPT_BYTES + KIB));
  });
});
