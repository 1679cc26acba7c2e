// HMAC over raw bytes, strict signature decoding and constant-time comparison shared by every scheme.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { count } from './reasons.ts';

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export type SignatureEncoding = 'hex' | 'base64';

const DIGEST_BYTES: Record<HmacAlgorithm, number> = { sha1: 20, sha256: 32, sha512: 64 };

/**
 * HMAC of `prefix` (the signed metadata, e.g. `1700000000.`) followed by the body bytes. The body is
 * fed as bytes, never decoded: a windows-1252 or form body signed by the sender must hash the same here.
 */
export function hmacDigest(algorithm: HmacAlgorithm, key: Buffer | string, prefix: string, body: Buffer): Buffer {
  return createHmac(algorithm, key).update(prefix, 'utf8').update(body).digest();
}

export function encodeSignature(digest: Buffer, encoding: SignatureEncoding): string {
  return digest.toString(encoding);
}

// Node's decoders skip invalid characters and stop at odd lengths instead of failing, so a signature
// with junk appended would still decode to the right bytes; check the alphabet first.
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The signature's bytes, or undefined when it is not hex / base64 (standard, or unpadded url-safe). */
export function decodeSignature(value: string, encoding: SignatureEncoding): Buffer | undefined {
  if (encoding === 'hex') return HEX.test(value) ? Buffer.from(value, 'hex') : undefined;
  if (value === '' || !(BASE64.test(value) || BASE64URL.test(value))) return undefined;
  return Buffer.from(value, 'base64');
}

/**
 * Constant-time equality of a received signature and the expected digest. `timingSafeEqual` needs
 * equal lengths; checking the length first reveals only the length, which the algorithm makes public.
 */
export function signatureMatches(expected: Buffer, received: Buffer): boolean {
  return expected.length === received.length && timingSafeEqual(expected, received);
}

/**
 * Constant-time equality of a received credential and a stored secret. Both are hashed first so that
 * the comparison takes the same time whatever the lengths: a secret's length is itself a hint.
 */
export function secretMatches(expected: Buffer | string, received: Buffer | string): boolean {
  return timingSafeEqual(sha256(expected), sha256(received));
}

function sha256(value: Buffer | string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The failure reason when no secret produced any of the received signatures. */
export function noMatchReason(
  algorithm: HmacAlgorithm,
  secretCount: number,
  received: readonly Buffer[],
  noun = 'signature',
): string {
  const tried = `${count(secretCount, 'secret')} tried${received.length > 1 ? ` against ${received.length} ${noun}s` : ''}`;
  const expectedBytes = DIGEST_BYTES[algorithm];
  // All of the wrong size means a wrong algorithm or encoding rather than a wrong secret: say so.
  if (received.length > 0 && received.every((signature) => signature.length !== expectedBytes)) {
    const sizes = [...new Set(received.map((signature) => signature.length))].join('/');
    return `no ${noun} matched (${tried}; received ${sizes} bytes, HMAC-${algorithm.toUpperCase()} gives ${expectedBytes})`;
  }
  return `no ${noun} matched (${tried})`;
}
