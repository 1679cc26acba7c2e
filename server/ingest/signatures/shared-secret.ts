// A secret the sender repeats verbatim in a header (Zapier-style "custom header"): compared in constant time.
import { secretMatches } from './digest.ts';
import { count, missingHeader } from './reasons.ts';
import { type SignedRequest, readHeader } from './signed-request.ts';

/**
 * Why the header does not carry one of the secrets; undefined when it does. Weaker than an HMAC: the
 * body is not covered and a captured request can be replayed, so prefer a signature when the sender has one.
 */
export function verifySharedSecret(
  header: string,
  secrets: readonly string[],
  { headers }: SignedRequest,
): string | undefined {
  const value = readHeader(headers, header);
  if (value === undefined) return missingHeader(header.toLowerCase());
  // No short-circuit: every secret is compared, so timing does not tell which one (or none) matched.
  const matches = secrets.filter((secret) => secretMatches(secret, value)).length;
  return matches > 0
    ? undefined
    : `${header.toLowerCase()} matched no secret (${count(secrets.length, 'secret')} tried)`;
}

export function signSharedSecret(header: string, secret: string): Record<string, string> {
  return { [header.toLowerCase()]: secret };
}
