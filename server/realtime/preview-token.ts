// Preview tokens: the admin's "Preview on my site" link carries one, and a widget that hands it over
// in its handshake becomes a preview widget (test events, not counted). A token names one site, an
// expiry and a random nonce (a new token per click), signed with HMAC-SHA256 under a secret kept in
// the settings table, so every process on the same database accepts the tokens any of them minted.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { SettingRepository } from '../settings/setting.types.ts';

export const PREVIEW_SECRET_SETTING = 'preview_token_secret';
export const PREVIEW_TOKEN_TTL_MS = 60 * 60 * 1000;
/** Longer than any token minted here (two integers, a nonce and a 43-character signature). */
const MAX_TOKEN_LENGTH = 200;
const TOKEN_SHAPE = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{11})\.([A-Za-z0-9_-]{43})$/;

export interface PreviewToken {
  token: string;
  expiresAt: number;
}

/** Why a token was refused, for the server's debug log (the widget is never told). */
export type PreviewCheck = { ok: true } | { ok: false; reason: string };

export interface PreviewTokens {
  mint(siteId: number): Promise<PreviewToken>;
  check(token: unknown, siteId: number): Promise<PreviewCheck>;
}

export function createPreviewTokens(settings: SettingRepository, clock: Clock): PreviewTokens {
  // The secret never changes once stored, so each process reads it once.
  let secret: Promise<Buffer> | undefined;
  const loadSecret = () => {
    secret ??= (async () => {
      const stored =
        (await settings.get(PREVIEW_SECRET_SETTING)) ??
        (await settings.setIfAbsent(PREVIEW_SECRET_SETTING, randomBytes(32).toString('base64url')));
      return Buffer.from(stored, 'base64url');
    })().catch((error) => {
      secret = undefined; // a storage hiccup is not remembered
      throw error;
    });
    return secret;
  };
  const sign = (key: Buffer, siteId: number, expiresAt: number, nonce: string) =>
    createHmac('sha256', key).update(`proofhook-preview:${siteId}:${expiresAt}:${nonce}`).digest();

  return {
    async mint(siteId) {
      const expiresAt = clock.now() + PREVIEW_TOKEN_TTL_MS;
      const nonce = randomBytes(8).toString('base64url');
      const signature = sign(await loadSecret(), siteId, expiresAt, nonce).toString('base64url');
      return { token: `${siteId}.${expiresAt}.${nonce}.${signature}`, expiresAt };
    },
    async check(token, siteId) {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
      const match = TOKEN_SHAPE.exec(token);
      if (!match) return { ok: false, reason: 'malformed' };
      const [, tokenSite, expiry, nonce, signature] = match as unknown as [string, string, string, string, string];
      const expiresAt = Number(expiry);
      const expected = sign(await loadSecret(), Number(tokenSite), expiresAt, nonce);
      if (!timingSafeEqual(Buffer.from(signature, 'base64url'), expected))
        return { ok: false, reason: 'bad signature' };
      if (Number(tokenSite) !== siteId) return { ok: false, reason: 'made for another site' };
      if (expiresAt <= clock.now()) return { ok: false, reason: 'expired' };
      return { ok: true };
    },
  };
}

/**
 * For the widget handshake: whether `token` makes a preview widget of the site. A bad or expired
 * token makes an ordinary widget, never an error (the page still shows its popups), with a debug log.
 */
export function previewChecker(tokens: PreviewTokens | undefined, logger: Logger) {
  return async (token: unknown, siteId: number): Promise<boolean> => {
    if (token === undefined || !tokens) return false;
    try {
      const check = await tokens.check(token, siteId);
      if (!check.ok) logger.debug({ siteId, reason: check.reason }, 'realtime: preview token refused');
      return check.ok;
    } catch (error) {
      logger.warn({ err: error, siteId }, 'realtime: checking a preview token failed');
      return false;
    }
  };
}
