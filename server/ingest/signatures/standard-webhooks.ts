// Standard Webhooks (Svix and its users): HMAC-SHA256 of `id.timestamp.body` keyed by a whsec_ base64 secret.
// https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
import { decodeSignature, encodeSignature, hmacDigest, noMatchReason, signatureMatches } from './digest.ts';
import { malformedHeader, missingHeader } from './reasons.ts';
import { type SignedRequest, readHeader } from './signed-request.ts';
import { malformedTimestamp, outsideTolerance, unixSeconds } from './timestamp.ts';

// Senders built on Svix (Clerk, Resend, …) send the same scheme under `svix-` names.
const HEADER_FAMILIES = [
  { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' },
  { id: 'svix-id', timestamp: 'svix-timestamp', signature: 'svix-signature' },
] as const;

export const STANDARD_WEBHOOKS_SECRET_PREFIX = 'whsec_';

/** The HMAC key: the base64 after the optional whsec_ prefix (unlike Stripe, which keys with the text). */
export function standardWebhooksKey(secret: string): Buffer {
  const encoded = secret.startsWith(STANDARD_WEBHOOKS_SECRET_PREFIX)
    ? secret.slice(STANDARD_WEBHOOKS_SECRET_PREFIX.length)
    : secret;
  return decodeSignature(encoded, 'base64') ?? Buffer.alloc(0);
}

/** Why no secret signed this request; undefined when one did and its timestamp is recent. */
export function verifyStandardWebhooks(
  secrets: readonly string[],
  { headers, body, now }: SignedRequest,
): string | undefined {
  const names =
    HEADER_FAMILIES.find((family) => readHeader(headers, family.signature) !== undefined) ?? HEADER_FAMILIES[0];
  const id = readHeader(headers, names.id);
  const timestamp = readHeader(headers, names.timestamp);
  const signature = readHeader(headers, names.signature);
  if (id === undefined) return missingHeader(names.id);
  if (timestamp === undefined) return missingHeader(names.timestamp);
  if (signature === undefined) return missingHeader(names.signature);
  const timestampProblem = malformedTimestamp(timestamp, names.timestamp);
  if (timestampProblem !== undefined) return timestampProblem;

  const parsed = parseSignatures(signature);
  if (parsed.v1.length === 0) {
    return malformedHeader(
      names.signature,
      parsed.asymmetric ? 'only v1a signatures, and asymmetric keys are not supported' : 'expected v1,<base64>',
    );
  }

  // An empty key would let anyone sign: a secret that does not decode is skipped, never used.
  const keys = secrets.map(standardWebhooksKey).filter((key) => key.length > 0);
  if (keys.length === 0) return 'no usable secret (expected whsec_ followed by base64)';
  const signed = `${id}.${timestamp}.`;
  const matched = keys.some((key) => {
    const expected = hmacDigest('sha256', key, signed, body);
    return parsed.v1.some((candidate) => signatureMatches(expected, candidate));
  });
  if (!matched) return noMatchReason('sha256', keys.length, parsed.v1);
  return outsideTolerance(timestamp, now);
}

/**
 * The space-separated `version,signature` list. A trailing comma is dropped because Node joins a
 * repeated header with ", ". Versions other than v1 (v1a is ed25519) are skipped, as the spec asks.
 */
function parseSignatures(value: string): { v1: Buffer[]; asymmetric: boolean } {
  const v1: Buffer[] = [];
  let asymmetric = false;
  for (const token of value.split(/\s+/)) {
    const entry = token.replace(/,+$/, '');
    const comma = entry.indexOf(',');
    if (comma === -1) continue;
    const version = entry.slice(0, comma);
    if (version === 'v1a') asymmetric = true;
    if (version !== 'v1') continue;
    const decoded = decodeSignature(entry.slice(comma + 1), 'base64');
    if (decoded !== undefined) v1.push(decoded);
  }
  return { v1, asymmetric };
}

/** The three headers a sender would send at `now`, one v1 signature per secret. */
export function signStandardWebhooks(
  secrets: readonly string[],
  id: string,
  body: Buffer,
  now: number,
): Record<string, string> {
  const timestamp = unixSeconds(now);
  const signatures = secrets.map(
    (secret) =>
      `v1,${encodeSignature(hmacDigest('sha256', standardWebhooksKey(secret), `${id}.${timestamp}.`, body), 'base64')}`,
  );
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}
