// Undoes a webhook body's Content-Encoding without ever producing more than the body size cap.
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** The cap for a body both as received and after decompression. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Each coding costs a full decompression pass; real senders apply one. */
const MAX_CONTENT_CODINGS = 4;

/** The decompressed body would exceed the cap (a zip bomb, or simply too much data). */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`body over the ${limitBytes}-byte limit after decompression`);
  }
}

/** The Content-Encoding is unknown or the compressed data is corrupt. The message is a human reason. */
export class BodyDecodeError extends Error {
  override name = 'BodyDecodeError';
}

type Coding = 'gzip' | 'deflate' | 'br';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotliDecompress = promisify(zlib.brotliDecompress);

/**
 * Undo Content-Encoding (gzip, x-gzip, deflate — both zlib-wrapped and raw deflate —, br,
 * identity, and a comma list applied in order) with the output bounded by maxBytes.
 */
export async function decompressBody(
  raw: Buffer,
  contentEncoding: string | undefined,
  maxBytes: number = MAX_BODY_BYTES,
): Promise<Buffer> {
  const codings = parseContentEncoding(contentEncoding);
  if (raw.length > maxBytes) throw new BodyTooLargeError(maxBytes);
  let body = raw;
  // Codings are listed in the order they were applied, so undo them from the last
  // (https://www.rfc-editor.org/rfc/rfc9110#section-8.4).
  for (let i = codings.length - 1; i >= 0 && body.length > 0; i--) {
    body = await decode(body, codings[i] as Coding, maxBytes);
  }
  return body;
}

function parseContentEncoding(header: string | undefined): Coding[] {
  const codings: Coding[] = [];
  for (const token of (header ?? '').split(',')) {
    const name = token.trim().toLowerCase();
    if (name === '' || name === 'identity') continue;
    // x-gzip is the pre-RFC 2616 name some senders still use (RFC 9110 §8.4.1.3).
    if (name === 'gzip' || name === 'x-gzip') codings.push('gzip');
    else if (name === 'deflate' || name === 'br') codings.push(name);
    else
      throw new BodyDecodeError(
        `unsupported Content-Encoding "${token.trim().slice(0, 40)}" (use gzip, deflate, br or identity)`,
      );
  }
  if (codings.length > MAX_CONTENT_CODINGS) {
    throw new BodyDecodeError(`too many Content-Encoding layers (${codings.length}; at most ${MAX_CONTENT_CODINGS})`);
  }
  return codings;
}

async function decode(body: Buffer, coding: Coding, maxBytes: number): Promise<Buffer> {
  // zlib stops as soon as the output passes maxOutputLength, so a zip bomb is never inflated whole.
  const options = { maxOutputLength: Math.max(1, maxBytes) };
  let out: Buffer;
  try {
    if (coding === 'gzip') out = await gunzip(body, options);
    else if (coding === 'br') out = await brotliDecompress(body, options);
    else if (hasZlibHeader(body)) out = await inflate(body, options);
    else out = await inflateRaw(body, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new BodyTooLargeError(maxBytes);
    const reason = error instanceof Error ? error.message : String(error);
    throw new BodyDecodeError(`corrupt ${coding} body: ${reason}`);
  }
  if (out.length > maxBytes) throw new BodyTooLargeError(maxBytes);
  return out;
}

/**
 * "deflate" should be zlib-wrapped (RFC 1950) but some servers send raw RFC 1951 data
 * (https://zlib.net/zlib_faq.html#faq39). A zlib header is CM=8, CINFO<=7, and a 16-bit
 * check that makes CMF*256+FLG a multiple of 31.
 */
function hasZlibHeader(body: Buffer): boolean {
  const cmf = body[0];
  const flg = body[1];
  if (cmf === undefined || flg === undefined) return false;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}
