// Admin API for a site's design and default language: GET and PATCH /api/sites/:id/design.
// Every notification of the site takes it, field by field under its own overrides.
import { Router } from 'express';
import { HttpError, notFound } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId, validateInput } from '../validate.ts';
import { contrastProblem, DESIGN_LABELS, mergeDesign } from './design.ts';
import { createSiteLookStore, siteLookSchema, toSiteLookView } from './site-design.ts';

export function createSiteDesignRouter(storage: Storage, onChanged: (siteId: number) => void = () => {}): Router {
  const router = Router();
  const looks = createSiteLookStore(storage.settings);

  router.get('/sites/:id/design', async (req, res) => {
    const site = await storage.sites.find(parseId(req.params.id, 'site'));
    if (!site) throw notFound('site');
    res.json(toSiteLookView(await looks.get(site.id)));
  });

  /**
   * Each key sent replaces what was stored: `design` as a whole (what the owner changed from the
   * built-in look), `locale` the site's default language. As a notification's `display.design`.
   */
  router.patch('/sites/:id/design', async (req, res) => {
    const site = await storage.sites.find(parseId(req.params.id, 'site'));
    if (!site) throw notFound('site');
    const input = validateInput(siteLookSchema, req.body, { ...DESIGN_LABELS, locale: 'the default language' });
    const stored = await looks.get(site.id);
    const look = { design: input.design ?? stored.design, locale: input.locale ?? stored.locale };
    const siteProblem = contrastProblem(mergeDesign(look.design));
    if (siteProblem) throw new HttpError(400, 'invalid-input', siteProblem);
    // A notification's own colours over the new site colours must stay readable too.
    for (const notification of await storage.notifications.listBySite(site.id)) {
      const problem =
        notification.display.design && contrastProblem(mergeDesign(look.design, notification.display.design));
      if (problem) {
        throw new HttpError(400, 'invalid-input', `With the notification "${notification.name}": ${problem}`);
      }
    }
    await looks.set(site.id, look);
    onChanged(site.id);
    res.json(toSiteLookView(look));
  });

  return router;
}
