// HTTP Basic authentication (RFC 7617) for senders that can only put credentials in the webhook URL.
import { decodeSignature, secretMatches } from './digest.ts';
import { count, malformedHeader, missingHeader } from './reasons.ts';
import { type SignedRequest, readHeader } from './signed-request.ts';

const HEADER = 'authorization';
// The scheme name is case-insensitive (RFC 9110 §11.1).
const BASIC = /^basic[ \t]+(\S+)$/i;

/** Why the request does not carry the username and one of the passwords; undefined when it does. */
export function verifyBasicAuth(
  username: string,
  passwords: readonly string[],
  { headers }: SignedRequest,
): string | undefined {
  const value = readHeader(headers, HEADER);
  if (value === undefined) return missingHeader(HEADER);
  const encoded = BASIC.exec(value)?.[1];
  if (encoded === undefined) return malformedHeader(HEADER, 'expected Basic credentials');
  const credentials = decodeSignature(encoded, 'base64');
  if (credentials === undefined || !credentials.includes(':')) {
    return malformedHeader(HEADER, 'expected base64 of username:password');
  }
  // The whole `username:password` is compared at once, as bytes (RFC 7617 senders use UTF-8), so
  // that neither half can be probed on its own; every password is tried to keep timing uniform.
  const matches = passwords.filter((password) => secretMatches(`${username}:${password}`, credentials)).length;
  return matches > 0 ? undefined : `username or password did not match (${count(passwords.length, 'password')} tried)`;
}

export function signBasicAuth(username: string, password: string): Record<string, string> {
  return { [HEADER]: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}` };
}
