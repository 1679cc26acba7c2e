// Admin API for sites: create, list, read, rename / change origins, delete.
import { type Request, Router } from 'express';
import { z } from 'zod';
import { notFound } from '../errors.ts';
import type { Storage } from '../storage.ts';
import { parseId, validateInput } from '../validate.ts';
import type { Site } from './site.types.ts';

const origin = z
  .string()
  .trim()
  .url()
  .transform((value) => new URL(value).origin)
  .refine((value) => value !== 'null', 'must be an http(s) origin such as https://shop.example.com');

const siteFields = {
  name: z.string().trim().min(1).max(100),
  allowedOrigins: z.array(origin).max(50),
};
const siteInput = z.object({ ...siteFields, allowedOrigins: siteFields.allowedOrigins.default([]) }).strict();
const sitePatch = z.object(siteFields).partial().strict();

/** `toView` adds what the admin needs beyond the record (the embed snippet). */
export function createSitesRouter(storage: Storage, toView: (site: Site, req: Request) => object): Router {
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
