// One HMAC in one header, over the raw body or `timestamp + separator + body`: body presets and generic HMAC.
import { decodeSignature, encodeSignature, hmacDigest, noMatchReason, signatureMatches } from './digest.ts';
import { BODY_HMAC_PRESETS, type BodyHmacFormat, type BodyHmacPreset } from './presets.ts';
import { malformedHeader, missingHeader } from './reasons.ts';
import { type SignedRequest, readHeader } from './signed-request.ts';
import { malformedTimestamp, outsideTolerance, unixSeconds } from './timestamp.ts';
import type { HmacVerificationConfig } from './verification-config.ts';

export interface SingleHeaderHmac extends BodyHmacFormat {
  /** Header holding a signed Unix-seconds timestamp; undefined when only the body is signed. */
  timestampHeader: string | undefined;
  separator: string;
}

export function singleHeaderHmacFormat(config: HmacVerificationConfig | { scheme: BodyHmacPreset }): SingleHeaderHmac {
  if (config.scheme !== 'hmac')
    return { ...BODY_HMAC_PRESETS[config.scheme], timestampHeader: undefined, separator: '' };
  return {
    header: config.header.toLowerCase(),
    algorithm: config.algorithm,
    encoding: config.encoding,
    prefix: config.prefix ?? '',
    timestampHeader: config.signed === 'timestamp-body' ? config.timestampHeader?.toLowerCase() : undefined,
    separator: config.separator ?? '.',
  };
}

/** Why no secret signed this request; undefined when one did. */
export function verifySingleHeaderHmac(
  format: SingleHeaderHmac,
  secrets: readonly string[],
  { headers, body, now }: SignedRequest,
): string | undefined {
  const value = readHeader(headers, format.header);
  if (value === undefined) return missingHeader(format.header);
  const timestamp = format.timestampHeader === undefined ? undefined : readHeader(headers, format.timestampHeader);
  if (format.timestampHeader !== undefined) {
    if (timestamp === undefined) return missingHeader(format.timestampHeader);
    const problem = malformedTimestamp(timestamp, format.timestampHeader);
    if (problem !== undefined) return problem;
  }

  // Prefixes such as `sha256=` are matched case-insensitively: some senders capitalise them.
  const hasPrefix = value.slice(0, format.prefix.length).toLowerCase() === format.prefix.toLowerCase();
  const received = hasPrefix ? decodeSignature(value.slice(format.prefix.length), format.encoding) : undefined;
  if (received === undefined) {
    return malformedHeader(format.header, `expected ${format.prefix}<${format.encoding} HMAC>`);
  }

  const signed = timestamp === undefined ? '' : `${timestamp}${format.separator}`;
  const matched = secrets.some((secret) =>
    signatureMatches(hmacDigest(format.algorithm, secret, signed, body), received),
  );
  if (!matched) return noMatchReason(format.algorithm, secrets.length, [received]);
  return timestamp === undefined ? undefined : outsideTolerance(timestamp, now);
}

export function signSingleHeaderHmac(
  format: SingleHeaderHmac,
  secret: string,
  body: Buffer,
  now: number,
): Record<string, string> {
  const timestamp = unixSeconds(now);
  const signed = format.timestampHeader === undefined ? '' : `${timestamp}${format.separator}`;
  const signature = encodeSignature(hmacDigest(format.algorithm, secret, signed, body), format.encoding);
  const headers: Record<string, string> = { [format.header]: `${format.prefix}${signature}` };
  if (format.timestampHeader !== undefined) headers[format.timestampHeader] = timestamp;
  return headers;
}
