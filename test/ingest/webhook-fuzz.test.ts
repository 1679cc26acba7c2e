// Fuzzing the webhook route with fast-check: 10,000 generated requests (random bytes, truncated JSON,
// wrong and missing content types, deep nesting, __proto__, invalid UTF-8, huge key counts, bodies at
// and over the cap, odd encodings and header values) against a listening server. Zero crashes, zero
// 5xx, only documented statuses, memory back to baseline, stored data intact.
import http from 'node:http';
import zlib from 'node:zlib';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS } from '../../server/limits.ts';
import { type TestApp, createNotification, createTestApp } from '../support/test-app.ts';
import { listen } from '../support/widget-client.ts';

const RUNS = 10_000;
const MiB = 1024 * 1024;

const contentTypes = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=windows-1252',
    'application/json; charset=utf-16',
    'application/vnd.api+json',
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=iso-8859-1',
    'multipart/form-data',
    'multipart/form-data; boundary=XyZ',
    'text/plain',
    'text/xml',
    'application/octet-stream',
    'image/png',
    '',
    ';;;',
    'application/json; charset=no-such-charset',
    'application/json; boundary="unterminated',
  ),
  fc.string({ maxLength: 40 }),
);

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const bigBodies = [
  Buffer.from(`{"email":"cap@example.com","pad":"${'x'.repeat(MiB - 40)}"}`), // at the cap
  Buffer.alloc(MiB + 1, 0x61), // one byte over
  Buffer.from(deepArray(10_000)),
  Buffer.from(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`),
  Buffer.from(Array.from({ length: 50_000 }, (_, i) => `k${i}=v`).join('&')),
  Buffer.from(JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])))),
];

const bodies = fc.oneof(
  { weight: 50, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)) },
  {
    weight: 50,
    arbitrary: fc
      .tuple(fc.json({ maxDepth: 6 }), fc.nat())
      .map(([json, cut]) => Buffer.from(json.slice(0, cut % (json.length + 1)))),
  },
  { weight: 30, arbitrary: fc.json({ maxDepth: 6 }).map((json) => Buffer.from(json)) },
  {
    weight: 30,
    arbitrary: fc
      .dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 }), { maxKeys: 30 })
      .map((fields) => Buffer.from(new URLSearchParams(fields).toString())),
  },
  {
    weight: 20,
    arbitrary: fc.constantFrom(
      Buffer.from('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"email":"p@x.io"}'),
      Buffer.from('__proto__[polluted]=1&constructor[prototype][polluted]=1&a[__proto__][polluted]=1'),
      Buffer.from([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]),
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nm@x.io\r\n--XyZ--\r\n'),
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n\x00\x01'),
      Buffer.from('{"email":"a@b.co","json":"{\\"customer\\":{\\"email\\":\\"c@d.io\\"}}"}'),
    ),
  },
  // Rare (about 1 in 180) but present: each costs a megabyte of parsing and storage.
  { weight: 1, arbitrary: fc.constantFrom(...bigBodies) },
);

const encodings = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'gzip, br', 'compress', 'x-garbage') },
);

const methods = fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'PATCH', 'GET', 'DELETE', 'OPTIONS', 'HEAD');

const queries = fc.oneof(
  fc.constant(''),
  fc.constantFrom('?email=q%40x.io', '?x=%0d%0aSet-Cookie:%20evil=1', '?a[__proto__][b]=1', '?%ff%fe=%c3%28'),
  fc.string({ maxLength: 30 }).map((s) => `?${encodeURIComponent(s)}`),
);

const extraHeaders = fc.dictionary(
  fc.constantFrom('webhook-id', 'x-shopify-event-id', 'idempotency-key', 'x-forwarded-for', 'user-agent', 'x-weird'),
  fc.string({ maxLength: 200 }).map((value) => value.replace(/[^\x20-\x7e]/g, '')),
  { maxKeys: 3 },
);

const generatedRequest = fc.record({
  method: methods,
  contentType: contentTypes,
  body: bodies,
  encoding: encodings,
  compress: fc.boolean(),
  query: queries,
  headers: extraHeaders,
});

function send(agent: http.Agent, url: string, r: FuzzRequest) {
  return new Promise<number>((resolve, reject) => {
    let body = r.body;
    if (r.compress && r.encoding === 'gzip') body = zlib.gzipSync(body);
    if (r.compress && r.encoding === 'br') body = zlib.brotliCompressSync(body);
    const headers: Record<string, string> = { ...r.headers };
    if (r.contentType) headers['content-type'] = r.contentType;
    if (r.encoding) headers['content-encoding'] = r.encoding;
    const sendsBody = r.method !== 'GET' && r.method !== 'HEAD';
    // Node's client frames a DELETE/OPTIONS body with neither Content-Length nor chunking, which is
    // not HTTP at all; real senders always frame their bodies.
    if (sendsBody) headers['content-length'] = String(body.length);
    const req = http.request(`${url}${r.query}`, { method: r.method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // Our 413 closes the connection while a large body is still being written.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve(413);
      else reject(error);
    });
    req.end(sendsBody ? body : undefined);
  });
}

type FuzzRequest = {
  method: string;
  contentType: string;
  body: Buffer;
  encoding: string | undefined;
  compress: boolean;
  query: string;
  headers: Record<string, string>;
};

const gc = (globalThis as { gc?: () => void }).gc;
const heapUsed = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

describe('webhook fuzzing', () => {
  let t: TestApp;
  let baseUrl: string;
  let hookUrl: string;
  let notificationId: number;

  beforeAll(async () => {
    t = createTestApp({ limits: { ...DEFAULT_LIMITS, webhookRatePerSecond: 1e6, webhookBurst: 1e7 } });
    baseUrl = await listen(t);
    const created = await createNotification(t);
    notificationId = created.notification.id;
    hookUrl = `${baseUrl}${created.hookPath}`;
    await request(t.app).post(created.hookPath).send({ email: 'keep@example.com', productName: 'Hat' }).expect(200);
  });

  afterAll(async () => {
    t.realtime.close();
    await new Promise((resolve) => t.io.close(resolve));
    t.close();
  });

  test(`${RUNS} generated requests: only documented statuses, no crash, memory back to baseline, data intact`, async () => {
    expect(gc, 'run vitest with --expose-gc (vitest.config.ts sets it)').toBeTypeOf('function');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const statuses = new Map<number, number>();
    // Warm up the code paths (lazy imports, JIT) before the baseline.
    for (let i = 0; i < 50; i += 1) {
      await send(agent, hookUrl, {
        method: 'POST',
        contentType: 'application/json',
        body: Buffer.from('{}'),
        encoding: undefined,
        compress: false,
        query: '',
        headers: {},
      });
    }
    const baseline = heapUsed();

    await fc.assert(
      fc.asyncProperty(generatedRequest, async (r) => {
        const status = await send(agent, hookUrl, r as FuzzRequest);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect([200, 413]).toContain(status);
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), verbose: 1 },
    );
    agent.destroy();
    console.info('fuzz statuses', Object.fromEntries(statuses));

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await request(t.app).get('/healthz').expect(200);
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const kept = await t.storage.conversions.listByNotification(notificationId, {
      limit: 1,
      email: 'keep@example.com',
    });
    expect(kept[0]).toMatchObject({ email: 'keep@example.com', productName: 'Hat' });

    // Memory: what the requests allocated is garbage now. SQLite's page cache lives outside the JS heap.
    const after = heapUsed();
    expect(after - baseline).toBeLessThan(30 * MiB);
  }, 300_000);
});
