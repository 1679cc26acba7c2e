// What an admin may log in with: the admin token, or a password set from a token session (scrypt
// hash kept in the settings table), both compared in constant time.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { SettingRepository } from '../settings/setting.types.ts';

export const ADMIN_PASSWORD_SETTING = 'admin_password';
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

// OWASP's scrypt baseline (N=2^17, r=8, p=1) costs 128 MiB per login; N=2^15 keeps it to 32 MiB
// and ~50 ms, enough with the 5-per-15-minutes login limit. https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, maxmem: 64 * 1024 * 1024 };

export type CredentialKind = 'token' | 'password';

export interface AdminCredentials {
  /** Which credential `secret` is, or undefined when it is neither. */
  verify(secret: string): Promise<CredentialKind | undefined>;
  isTokenSync(secret: string): boolean;
  hasPassword(): Promise<boolean>;
  setPassword(password: string): Promise<void>;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest();

function derive(password: string, salt: Buffer, params: typeof SCRYPT): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      salt,
      params.keyLength,
      { N: params.N, r: params.r, p: params.p, maxmem: params.maxmem },
      (e, key) => (e ? reject(e) : resolve(key)),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking stored passwords. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const params = { ...SCRYPT, N: Number(n), r: Number(r), p: Number(p), keyLength: expected.length };
  const key = await derive(password, Buffer.from(salt, 'base64url'), params);
  return timingSafeEqual(key, expected);
}

export function createAdminCredentials(adminToken: string, settings: SettingRepository): AdminCredentials {
  const expectedToken = sha256(adminToken);
  // Hashing both sides first gives equal lengths, so timingSafeEqual never throws or leaks length.
  const isToken = (secret: string) => timingSafeEqual(sha256(secret), expectedToken);
  return {
    async verify(secret) {
      if (secret.length === 0 || secret.length > MAX_PASSWORD_LENGTH) return undefined;
      if (isToken(secret)) return 'token';
      const stored = await settings.get(ADMIN_PASSWORD_SETTING);
      return stored && (await verifyPassword(secret, stored)) ? 'password' : undefined;
    },
    isTokenSync: isToken,
    async hasPassword() {
      return Boolean(await settings.get(ADMIN_PASSWORD_SETTING));
    },
    async setPassword(password) {
      await settings.set(ADMIN_PASSWORD_SETTING, await hashPassword(password));
    },
  };
}
