// Admin API: a site's self-checking onboarding checklist, and the senders with their setup guides
// (the admin page cannot import the sender profiles: it is built for the browser alone).
import { Router } from 'express';
import { notFound } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId } from '../validate.ts';
import { readOnboardingChecklist } from './onboarding-checklist.ts';
import { SENDER_GUIDES } from './sender-guides.ts';

export function createOnboardingRouter(storage: Storage): Router {
  const router = Router();

  router.get('/sites/:siteId/onboarding', async (req, res) => {
    const site = await storage.sites.find(parseId(req.params.siteId, 'site'));
    if (!site) throw notFound('site');
    res.json(await readOnboardingChecklist(storage, site));
  });

  router.get('/senders', (_req, res) => {
    res.json({ senders: SENDER_GUIDES });
  });

  return router;
}
