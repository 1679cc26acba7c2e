// Admin API: a site's goal settings (GET/PUT /api/sites/:id/goals/settings) and its goals report
// (GET /api/sites/:id/goals/report?window=7d|30d).
import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { HttpError, notFound } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId, validateInput } from '../validate.ts';
import { buildGoalReport } from './goal-report.ts';
import { GOAL_SETTING_LABELS, createGoalSettings, goalSettingsSchema } from './goal-settings.ts';

const reportQuery = z.object({ window: z.enum(['7d', '30d']).default('7d') });

export function createGoalsRouter(storage: Storage, clock: Clock): Router {
  const router = Router();
  const settings = createGoalSettings(storage.settings);

  const findSite = async (id: string) => {
    const site = await storage.sites.find(parseId(id, 'site'));
    if (!site) throw notFound('site');
    return site;
  };

  router.get('/sites/:id/goals/settings', async (req, res) => {
    const site = await findSite(req.params.id);
    res.json(await settings.read(site.id));
  });

  router.put('/sites/:id/goals/settings', async (req, res) => {
    const site = await findSite(req.params.id);
    const value = validateInput(goalSettingsSchema, req.body, GOAL_SETTING_LABELS);
    const paths = value.urlGoals.map((goal) => goal.path);
    const repeated = paths.find((path, index) => paths.indexOf(path) !== index);
    if (repeated) {
      throw new HttpError(400, 'invalid-input', `The goal path "${repeated}" is listed twice: keep one.`);
    }
    await settings.write(site.id, value);
    res.json(value);
  });

  router.get('/sites/:id/goals/report', async (req, res) => {
    const site = await findSite(req.params.id);
    const { window } = validateInput(reportQuery, req.query, { window: 'the report window' });
    res.json(await buildGoalReport(storage, site.id, window, clock.now()));
  });

  return router;
}
