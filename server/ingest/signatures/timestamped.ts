// Stripe, Paddle Billing and Calendly: a `t=…,v1=…` style header signing `timestamp + separator + body`.
import { decodeSignature, encodeSignature, hmacDigest, noMatchReason, signatureMatches } from './digest.ts';
import type { TimestampedFormat } from './presets.ts';
import { malformedHeader, missingHeader } from './reasons.ts';
import { type SignedRequest, readHeader } from './signed-request.ts';
import { malformedTimestamp, outsideTolerance, unixSeconds } from './timestamp.ts';

interface ParsedHeader {
  timestamp: string;
  signatures: Buffer[];
}

/** Why no secret signed this request; undefined when one did and its timestamp is recent. */
export function verifyTimestamped(
  format: TimestampedFormat,
  secrets: readonly string[],
  { headers, body, now }: SignedRequest,
): string | undefined {
  const value = readHeader(headers, format.header);
  if (value === undefined) return missingHeader(format.header);
  const parsed = parseHeader(value, format);
  if (typeof parsed === 'string') return parsed;

  // Every listed signature is tried against every secret: during a sender-side rotation the header
  // carries one signature per active secret, and any one of them is enough.
  const signed = `${parsed.timestamp}${format.contentSeparator}`;
  const matched = secrets.some((secret) => {
    const expected = hmacDigest('sha256', secret, signed, body);
    return parsed.signatures.some((signature) => signatureMatches(expected, signature));
  });
  if (!matched) return noMatchReason('sha256', secrets.length, parsed.signatures);
  // After the signature, so that a stale but genuine delivery says so rather than "no match".
  return outsideTolerance(parsed.timestamp, now);
}

function parseHeader(value: string, format: TimestampedFormat): ParsedHeader | string {
  const timestamps = new Set<string>();
  const encoded: string[] = [];
  // Unknown keys (Stripe's test-mode v0=, future schemes) are ignored, as the providers ask.
  for (const part of value.split(format.pairSeparator)) {
    const equals = part.indexOf('=');
    if (equals === -1) continue;
    const key = part.slice(0, equals).trim();
    const item = part.slice(equals + 1).trim();
    if (key === format.timestampKey) timestamps.add(item);
    else if (key === format.signatureKey) encoded.push(item);
  }

  const [timestamp, ...others] = timestamps;
  if (timestamp === undefined) return malformedHeader(format.header, `no ${format.timestampKey}= timestamp`);
  if (others.length > 0) return malformedHeader(format.header, `several different ${format.timestampKey}= timestamps`);
  const timestampProblem = malformedTimestamp(timestamp, format.header, format.timestampKey);
  if (timestampProblem !== undefined) return timestampProblem;
  if (encoded.length === 0) return malformedHeader(format.header, `no ${format.signatureKey}= signature`);

  const signatures = encoded.flatMap((item) => decodeSignature(item, 'hex') ?? []);
  if (signatures.length === 0) return malformedHeader(format.header, `${format.signatureKey}= is not hex`);
  return { timestamp, signatures };
}

/** The header a sender would send at `now`, with one signature per secret (several while rotating). */
export function signTimestamped(
  format: TimestampedFormat,
  secrets: readonly string[],
  body: Buffer,
  now: number,
): Record<string, string> {
  const timestamp = unixSeconds(now);
  const signed = `${timestamp}${format.contentSeparator}`;
  const pairs = [
    `${format.timestampKey}=${timestamp}`,
    ...secrets.map(
      (secret) => `${format.signatureKey}=${encodeSignature(hmacDigest('sha256', secret, signed, body), 'hex')}`,
    ),
  ];
  return { [format.header]: pairs.join(format.pairSeparator) };
}
