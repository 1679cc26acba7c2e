// Preview tokens on their own: signed for one site and one hour, refused when changed, foreign or
// expired (an ordinary widget then, with a debug log line saying why), and valid on every process
// that shares the settings table, even when two of them create the secret at once.
import { describe, expect, test } from 'vitest';
import { migrate } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import { PREVIEW_TOKEN_TTL_MS, createPreviewTokens, previewChecker } from '../../server/realtime/preview-token.ts';
import type { SettingRepository } from '../../server/settings/setting.types.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { createMovableClock } from '../support/test-app.ts';

function sharedSettings() {
  const db = openDatabase(':memory:');
  migrate(db);
  return createSqliteStorage(db, createMovableClock()).settings;
}

function recordingLogger() {
  const lines: Array<{ level: string; fields: object; message: string }> = [];
  const log = (level: string) => (fields: object, message: string) => lines.push({ level, fields, message });
  return { lines, logger: { debug: log('debug'), warn: log('warn') } as never };
}

describe('preview tokens', () => {
  test('a minted token opens its own site until it expires, and no other site', async () => {
    const clock = createMovableClock();
    const tokens = createPreviewTokens(sharedSettings(), clock);
    const { token, expiresAt } = await tokens.mint(7);
    expect(expiresAt).toBe(clock.now() + PREVIEW_TOKEN_TTL_MS);
    expect(await tokens.check(token, 7)).toEqual({ ok: true });
    expect(await tokens.check(token, 8)).toEqual({ ok: false, reason: 'made for another site' });
    clock.advance(PREVIEW_TOKEN_TTL_MS - 1);
    expect(await tokens.check(token, 7)).toEqual({ ok: true });
    clock.advance(1);
    expect(await tokens.check(token, 7)).toEqual({ ok: false, reason: 'expired' });
  });

  test('a changed site, expiry or signature, or anything else, is refused', async () => {
    const clock = createMovableClock();
    const tokens = createPreviewTokens(sharedSettings(), clock);
    const { token } = await tokens.mint(7);
    const [site, expiry, nonce, signature] = token.split('.') as [string, string, string, string];
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BA' : 'AA'}`;
    for (const forged of [
      `8.${expiry}.${nonce}.${signature}`,
      `${site}.${Number(expiry) + PREVIEW_TOKEN_TTL_MS}.${nonce}.${signature}`,
      `${site}.${expiry}.${nonce}.${flipped}`,
    ]) {
      expect(await tokens.check(forged, Number(forged.split('.')[0]))).toEqual({ ok: false, reason: 'bad signature' });
    }
    for (const junk of ['', 'nope', `${token}.x`, 42, null, { token }, 'x'.repeat(10_000)]) {
      expect(await tokens.check(junk, 7)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  test("processes sharing the settings accept each other's tokens, even when both create the secret at once", async () => {
    const settings = sharedSettings();
    const clock = createMovableClock();
    const a = createPreviewTokens(settings, clock);
    const b = createPreviewTokens(settings, clock);
    const [fromA, fromB] = await Promise.all([a.mint(1), b.mint(1)]);
    expect(await b.check(fromA.token, 1)).toEqual({ ok: true });
    expect(await a.check(fromB.token, 1)).toEqual({ ok: true });
    // A process with other settings (another install) accepts neither.
    const elsewhere = createPreviewTokens(sharedSettings(), clock);
    expect(await elsewhere.check(fromA.token, 1)).toEqual({ ok: false, reason: 'bad signature' });
  });

  test('the handshake check: a refused token is an ordinary widget with a debug line, a storage failure a warning', async () => {
    const clock = createMovableClock();
    const { lines, logger } = recordingLogger();
    const tokens = createPreviewTokens(sharedSettings(), clock);
    const isPreview = previewChecker(tokens, logger);
    expect(await isPreview(undefined, 1)).toBe(false);
    expect(lines).toEqual([]);
    expect(await isPreview((await tokens.mint(1)).token, 1)).toBe(true);
    expect(await isPreview('nope', 1)).toBe(false);
    expect(lines).toEqual([
      { level: 'debug', fields: { siteId: 1, reason: 'malformed' }, message: 'realtime: preview token refused' },
    ]);

    const broken: SettingRepository = {
      get: () => Promise.reject(new Error('database is away')),
      set: () => Promise.reject(new Error('database is away')),
      setIfAbsent: () => Promise.reject(new Error('database is away')),
    };
    const failing = recordingLogger();
    const check = previewChecker(createPreviewTokens(broken, clock), failing.logger);
    expect(await check('1.2.AAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 1)).toBe(false);
    expect(failing.lines.map((line) => [line.level, line.message])).toEqual([
      ['warn', 'realtime: checking a preview token failed'],
    ]);
  });
});
