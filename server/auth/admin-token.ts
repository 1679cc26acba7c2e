// The admin token: ADMIN_TOKEN when set, else one generated on first start and kept in the data dir.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const ADMIN_TOKEN_FILE = 'admin-token';

export interface ResolvedAdminToken {
  token: string;
  /** True only on the start that generated it: the one time it is printed. */
  generated: boolean;
  /** Where it is kept, when it came from the data dir. */
  file?: string;
}

export function resolveAdminToken(configured: string | undefined, dataDir: string): ResolvedAdminToken {
  if (configured) return { token: configured, generated: false };
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= 16) return { token: stored, generated: false, file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = `adm_${randomBytes(24).toString('base64url')}`;
  fs.mkdirSync(dataDir, { recursive: true });
  // 0600: the token grants full control, so only the service's user may read it.
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, generated: true, file };
}
