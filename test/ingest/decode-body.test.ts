// Content-Encoding decoding: every supported coding, chains, corrupt data and zip bombs.
import zlib from 'node:zlib';
import { describe, expect, test, vi } from 'vitest';
import { BodyDecodeError, BodyTooLargeError, MAX_BODY_BYTES, decompressBody } from '../../server/ingest/decode-body.ts';

// The output limit each decompression was started with: what stops a bomb before it is inflated
// whole (how long that takes is the benchmark's business, not a timer's here).
const outputLimits = vi.hoisted(() => [] as Array<number | undefined>);
vi.mock('node:zlib', async (importOriginal) => {
  const real = (await importOriginal<{ default: typeof import('node:zlib') }>()).default;
  type Decode = (body: Buffer, options: zlib.ZlibOptions, done: (error: Error | null, out: Buffer) => void) => void;
  const recorded =
    (decode: Decode): Decode =>
    (body, options, done) => {
      outputLimits.push(options?.maxOutputLength);
      decode(body, options, done);
    };
  const zlibWithLimits = {
    ...real,
    gunzip: recorded(real.gunzip as Decode),
    inflate: recorded(real.inflate as Decode),
    inflateRaw: recorded(real.inflateRaw as Decode),
    brotliDecompress: recorded(real.brotliDecompress as Decode),
  };
  return { ...zlibWithLimits, default: zlibWithLimits };
});

const json = Buffer.from(JSON.stringify({ email: 'ada@example.com', amount: 42 }));

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('decompressBody', () => {
  test('the cap is 1 MiB', () => {
    expect(MAX_BODY_BYTES).toBe(1024 * 1024);
  });

  test.each([undefined, '', 'identity', 'IDENTITY', ' identity , identity '])(
    'returns the same buffer without copying when Content-Encoding is %j',
    async (encoding) => {
      expect(await decompressBody(json, encoding)).toBe(json);
    },
  );

  test.each([
    ['gzip', zlib.gzipSync(json)],
    ['x-gzip', zlib.gzipSync(json)],
    ['GZip', zlib.gzipSync(json)],
    ['deflate (zlib-wrapped, RFC 1950)', zlib.deflateSync(json)],
    ['deflate (raw, RFC 1951)', zlib.deflateRawSync(json)],
    ['br', zlib.brotliCompressSync(json)],
  ])('undoes %s', async (name, compressed) => {
    const encoding = name.split(' ')[0];
    expect((await decompressBody(compressed, encoding)).equals(json)).toBe(true);
  });

  test('raw deflate whose first bytes are not a zlib header is inflated raw at every level', async () => {
    for (const level of [0, 1, 6, 9]) {
      const compressed = zlib.deflateRawSync(json, { level });
      expect((await decompressBody(compressed, 'deflate')).equals(json)).toBe(true);
    }
  });

  test('a comma list is undone from the last coding applied back to the first', async () => {
    // "deflate, gzip": deflate was applied first, then gzip (RFC 9110 §8.4).
    const twice = zlib.gzipSync(zlib.deflateSync(json));
    expect((await decompressBody(twice, 'deflate, gzip')).equals(json)).toBe(true);
    const withIdentity = zlib.brotliCompressSync(zlib.gzipSync(json));
    expect((await decompressBody(withIdentity, 'gzip, identity, br')).equals(json)).toBe(true);
  });

  test('concatenated gzip members decode as one body', async () => {
    const members = Buffer.concat([zlib.gzipSync('{"a":'), zlib.gzipSync('1}')]);
    expect((await decompressBody(members, 'gzip')).toString()).toBe('{"a":1}');
  });

  test('an empty body with a coding is an empty body, not a corrupt one', async () => {
    expect((await decompressBody(Buffer.alloc(0), 'gzip')).length).toBe(0);
  });

  test.each(['compress', 'zstd', 'gzip;q=1', 'chunked'])(
    'rejects the unsupported coding %j with its name',
    async (encoding) => {
      const error = await rejection(decompressBody(json, encoding));
      expect(error).toBeInstanceOf(BodyDecodeError);
      expect(error.message).toContain('unsupported Content-Encoding');
      expect(error.message).toContain(encoding);
    },
  );

  test('rejects more than four stacked codings', async () => {
    const error = await rejection(decompressBody(json, 'gzip, gzip, gzip, gzip, gzip'));
    expect(error).toBeInstanceOf(BodyDecodeError);
    expect(error.message).toMatch(/too many Content-Encoding layers/);
  });

  test.each([
    ['gzip', Buffer.from('this is not gzip at all')],
    ['gzip', zlib.gzipSync(json).subarray(0, 20)],
    ['deflate', Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff, 0x00])],
    ['br', Buffer.from('definitely not brotli')],
    ['gzip', json],
  ])('a corrupt or truncated %s body is a BodyDecodeError saying why', async (encoding, body) => {
    const error = await rejection(decompressBody(body, encoding));
    expect(error).toBeInstanceOf(BodyDecodeError);
    expect(error.message).toMatch(new RegExp(`^corrupt ${encoding} body: .+`));
  });

  test.each([
    ['gzip', (b: Buffer) => zlib.gzipSync(b)],
    ['deflate', (b: Buffer) => zlib.deflateSync(b)],
    ['deflate', (b: Buffer) => zlib.deflateRawSync(b)],
    ['br', (b: Buffer) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } })],
  ])('a %s zip bomb is a BodyTooLargeError, stopped before inflating it whole', async (encoding, compress) => {
    const bomb = compress(Buffer.alloc(32 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(MAX_BODY_BYTES / 8);
    outputLimits.length = 0;
    const error = await rejection(decompressBody(bomb, encoding));
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect(error.message).toContain(String(MAX_BODY_BYTES));
    expect(outputLimits).toEqual([MAX_BODY_BYTES]);
  });

  test('a bomb nested in two gzip layers is stopped at the inner layer', async () => {
    const nested = zlib.gzipSync(zlib.gzipSync(Buffer.alloc(32 * 1024 * 1024)));
    expect(await rejection(decompressBody(nested, 'gzip, gzip'))).toBeInstanceOf(BodyTooLargeError);
  });

  test('output of exactly maxBytes is allowed and one byte more is not', async () => {
    const limit = 1000;
    expect((await decompressBody(zlib.gzipSync(Buffer.alloc(limit, 'a')), 'gzip', limit)).length).toBe(limit);
    expect(await rejection(decompressBody(zlib.gzipSync(Buffer.alloc(limit + 1, 'a')), 'gzip', limit))).toBeInstanceOf(
      BodyTooLargeError,
    );
  });

  test('a raw body over the cap is too large even without a coding', async () => {
    expect(await rejection(decompressBody(Buffer.alloc(11), undefined, 10))).toBeInstanceOf(BodyTooLargeError);
    expect(await rejection(decompressBody(Buffer.alloc(MAX_BODY_BYTES + 1), 'identity'))).toBeInstanceOf(
      BodyTooLargeError,
    );
  });

  test('a 1 MiB body decompresses under the default cap', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES, 'x');
    expect((await decompressBody(zlib.gzipSync(big), 'gzip')).length).toBe(MAX_BODY_BYTES);
  });

  test('the unsupported coding is reported before a raw size check so the reason is the useful one', async () => {
    expect(await rejection(decompressBody(Buffer.alloc(20), 'lzma', 10))).toBeInstanceOf(BodyDecodeError);
  });
});
