// Where a site's widget has run: the page origins its handshakes came from, newest first, so the
// admin's checklist can say "seen on https://shop.example.com, 2 minutes ago" and warn about an
// origin the site does not allow. Kept in the shared settings table, so every process sees them.
import type { Logger } from 'pino';
import type { WidgetSighting } from '../../shared/sites.ts';
import type { Clock } from '../clock.ts';
import type { SettingRepository } from '../settings/setting.types.ts';

export type { WidgetSighting };

/** Kept per site: the handshake's Origin header is anyone's to set, so the list must stay short. */
export const MAX_SIGHTINGS = 10;
/** A busy site's handshakes would otherwise write the setting at every page view. */
export const RECORD_EVERY_MS = 60_000;
const MAX_ORIGIN_LENGTH = 200;
/** Throttle entries kept in memory before they are forgotten all at once (a flood of made-up origins). */
const MAX_REMEMBERED = 10_000;

const keyOf = (siteId: number) => `onboarding:site:${siteId}:widget-origins`;

/** An http(s) origin as the browser sends it, or undefined (no header, `null`, anything else). */
export function pageOrigin(header: string | undefined): string | undefined {
  if (!header || header.length > MAX_ORIGIN_LENGTH) return undefined;
  try {
    const url = new URL(header);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function parseSightings(raw: string | undefined): WidgetSighting[] {
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as unknown;
    if (!Array.isArray(list)) return [];
    return list.filter(
      (item): item is WidgetSighting =>
        typeof item?.origin === 'string' && typeof item?.at === 'number' && Number.isFinite(item.at),
    );
  } catch {
    return [];
  }
}

/** The origins a site's widget was seen on, newest first. */
export async function readWidgetSightings(settings: SettingRepository, siteId: number): Promise<WidgetSighting[]> {
  return parseSightings(await settings.get(keyOf(siteId)));
}

export interface WidgetSightings {
  /**
   * A widget of `siteId` shook hands from a page at `origin` (its Origin header), allowed there or
   * not. Never throws nor rejects: a failure is logged, the handshake goes on.
   */
  widgetSeen(siteId: number, origin: string | undefined, at?: number): Promise<void>;
}

export function createWidgetSightings(deps: {
  settings: SettingRepository;
  clock: Clock;
  logger: Logger;
}): WidgetSightings {
  const { settings, clock, logger } = deps;
  const lastWritten = new Map<string, number>();

  async function record(siteId: number, origin: string, at: number) {
    const others = (await readWidgetSightings(settings, siteId)).filter((s) => s.origin !== origin);
    const list = [{ origin, at }, ...others].sort((a, b) => b.at - a.at).slice(0, MAX_SIGHTINGS);
    await settings.set(keyOf(siteId), JSON.stringify(list));
  }

  return {
    async widgetSeen(siteId, header, at = clock.now()) {
      const origin = pageOrigin(header);
      if (!origin) return;
      const throttleKey = `${siteId} ${origin}`;
      const last = lastWritten.get(throttleKey);
      if (last !== undefined && at - last < RECORD_EVERY_MS) return;
      if (lastWritten.size >= MAX_REMEMBERED) lastWritten.clear();
      lastWritten.set(throttleKey, at);
      try {
        await record(siteId, origin, at);
      } catch (error) {
        lastWritten.delete(throttleKey);
        logger.warn({ err: error }, 'onboarding: recording where a widget runs failed');
      }
    },
  };
}
