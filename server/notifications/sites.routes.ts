// Admin API for sites: create, list, read, rename / change origins, delete.
import { type Request, Router } from 'express';
import { z } from 'zod';
import type { SiteView } from '../../shared/sites.ts';
import { notFound } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId, validateInput } from '../validate.ts';
import type { Site } from './site.types.ts';

/**
 * An origin as the browser sends it in the widget's handshake: scheme, host and port. A pasted page
 * address is cut down to its origin; anything that is not an http(s) address is refused by name.
 */
const origin = z.string().transform((value, ctx) => {
  const text = value.trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    ctx.addIssue({
      code: 'custom',
      message: `The origin "${text.slice(0, 200)}" is not a web address: write it as https://shop.example.com.`,
    });
    return z.NEVER;
  }
  return url.origin;
});

const MAX_ORIGINS = 50;

const siteFields = {
  name: z
    .string({ error: 'Give the site a name.' })
    .trim()
    .min(1, 'Give the site a name.')
    .max(100, 'Keep the site name to 100 characters or fewer.'),
  allowedOrigins: z
    .array(origin, { error: 'Send the allowed origins as a list.' })
    .max(MAX_ORIGINS, `A site can have at most ${MAX_ORIGINS} allowed origins.`)
    // The same origin twice is the same rule.
    .transform((origins) => [...new Set(origins)]),
};
const siteInput = z.object({ ...siteFields, allowedOrigins: siteFields.allowedOrigins.default([]) }).strict();
const sitePatch = z.object(siteFields).partial().strict();

/** `toView` adds what the admin needs beyond the record (the embed snippet). */
export function createSitesRouter(storage: Storage, toView: (site: Site, req: Request) => SiteView): Router {
  const router = Router();

  router.post('/sites', async (req, res) => {
    const input = validateInput(siteInput, req.body);
    res.status(201).json(toView(await storage.sites.create(input), req));
  });

  router.get('/sites', async (req, res) => {
    res.json({ sites: (await storage.sites.list()).map((site) => toView(site, req)) });
  });

  router.get('/sites/:id', async (req, res) => {
    const site = await storage.sites.find(parseId(req.params.id, 'site'));
    if (!site) throw notFound('site');
    res.json(toView(site, req));
  });

  router.patch('/sites/:id', async (req, res) => {
    const patch = validateInput(sitePatch, req.body);
    const site = await storage.sites.update(parseId(req.params.id, 'site'), patch);
    if (!site) throw notFound('site');
    res.json(toView(site, req));
  });

  router.delete('/sites/:id', async (req, res) => {
    if (!(await storage.sites.remove(parseId(req.params.id, 'site')))) throw notFound('site');
    res.status(204).end();
  });

  return router;
}
