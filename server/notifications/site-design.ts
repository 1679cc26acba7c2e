// A site's design and default language, kept in the settings table (one JSON value per site) so that
// no migration is needed: notifications override it field by field in their `display` JSON.
import { z } from 'zod';
import type { SiteDesignView } from '../../shared/sites.ts';
import type { LocaleCode } from '../i18n/locales.ts';
import type { SettingRepository } from '../settings/setting.types.ts';
import { type DesignPatch, designPatchSchema, mergeDesign } from './design.ts';
import { localeSchema } from './display-rules.ts';

export interface SiteLook {
  /** Only what the owner changed. */
  design: DesignPatch;
  locale?: LocaleCode;
}

export const siteLookSchema = z.object({ design: designPatchSchema, locale: localeSchema }).partial().strict();

const keyOf = (siteId: number) => `site-design:${siteId}`;

export interface SiteLookStore {
  get(siteId: number): Promise<SiteLook>;
  set(siteId: number, look: SiteLook): Promise<void>;
}

export function createSiteLookStore(settings: SettingRepository): SiteLookStore {
  return {
    async get(siteId) {
      const raw = await settings.get(keyOf(siteId));
      if (!raw) return { design: {} };
      try {
        // What was stored passed the schema; parsing again keeps a hand-edited row from reaching widgets.
        const parsed = siteLookSchema.safeParse(JSON.parse(raw));
        return parsed.success ? { design: parsed.data.design ?? {}, locale: parsed.data.locale } : { design: {} };
      } catch {
        return { design: {} };
      }
    },
    async set(siteId, look) {
      await settings.set(keyOf(siteId), JSON.stringify(look));
    },
  };
}

/** The admin view: the stored part and the design as widgets get it. */
export function toSiteLookView(look: SiteLook): SiteDesignView {
  return { ...look, effective: mergeDesign(look.design), effectiveLocale: look.locale ?? 'en' };
}
