// Admin API: a site's form-capture rules, listed, read, added, changed and deleted. Each problem is a
// 400 sentence the admin shows as it is: a selector the browser would refuse, a notification of
// another site or one that takes no webhooks, a page pattern that is not a path, a 21st rule.
import { Router } from 'express';
import { z } from 'zod';
import { HttpError, notFound } from '../errors.ts';
import type { Site } from '../notifications/site.types.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId, validateInput } from '../validate.ts';
import type { CaptureRuleStore } from './capture-rule.store.ts';
import { type CaptureRuleInput, type CaptureRuleList, MAX_CAPTURE_RULES_PER_SITE } from './capture-rule.types.ts';
import { MAX_SELECTOR_LENGTH, selectorProblem } from './selector-syntax.ts';

const MAX_PATH_PATTERN_CHARS = 300;

const ruleFields = {
  path: z
    .string({ error: 'Give the page pattern, such as /signup*.' })
    .trim()
    .min(1, 'Give the page pattern, such as /signup*.')
    .max(MAX_PATH_PATTERN_CHARS, `Keep the page pattern to ${MAX_PATH_PATTERN_CHARS} characters or fewer.`)
    .refine(
      (path) => path.startsWith('/') || path.startsWith('*'),
      'The page pattern is matched against the path of the page: start it with / (such as /signup*), or * for every page.',
    )
    .refine((path) => !/[?#]/.test(path), 'The page pattern is matched against the path only: leave out ? and #.'),
  selector: z
    .string({ error: 'Give the CSS selector of the form, such as form#signup.' })
    .trim()
    .min(1, 'Give the CSS selector of the form, such as form#signup.')
    .max(MAX_SELECTOR_LENGTH, `Keep the form selector to ${MAX_SELECTOR_LENGTH} characters or fewer.`)
    .superRefine((selector, ctx) => {
      const problem = selectorProblem(selector);
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          message: `The form selector "${selector.slice(0, 100)}" is not valid CSS selector syntax: ${problem}.`,
        });
      }
    }),
  notificationId: z
    .number({ error: 'Choose the notification that stores the captured forms (notificationId).' })
    .int('Choose the notification that stores the captured forms (notificationId).')
    .positive('Choose the notification that stores the captured forms (notificationId).'),
};
const ruleInput = z.object(ruleFields).strict();
const rulePatch = z.object(ruleFields).partial().strict();

async function getSite(storage: Storage, id: string | undefined): Promise<Site> {
  const site = await storage.sites.find(parseId(id, 'site'));
  if (!site || site.deletedAt !== null) throw notFound('site');
  return site;
}

/** A live notification of this site that takes webhooks, or the 400 sentence saying why not. */
async function checkTarget(storage: Storage, site: Site, notificationId: number): Promise<void> {
  const notification = await storage.notifications.find(notificationId);
  if (!notification || notification.status === 'deleted' || notification.siteId !== site.id) {
    throw new HttpError(
      400,
      'invalid-input',
      `Notification ${notificationId} is not a notification of the site "${site.name}": choose one of this site's notifications.`,
    );
  }
  if (notification.kind === 'visitors') {
    throw new HttpError(
      400,
      'invalid-input',
      `The notification "${notification.name}" is a live-visitors notification, which takes no webhooks: choose a stream or a conversion counter.`,
    );
  }
}

export function createCaptureRulesRouter(storage: Storage, rules: CaptureRuleStore): Router {
  const router = Router();
  const ruleId = (value: string | undefined) => parseId(value, 'capture rule');

  router.get('/sites/:id/capture-rules', async (req, res) => {
    const site = await getSite(storage, req.params.id);
    const list: CaptureRuleList = { rules: await rules.list(site.id), maxRules: MAX_CAPTURE_RULES_PER_SITE };
    res.json(list);
  });

  router.post('/sites/:id/capture-rules', async (req, res) => {
    const site = await getSite(storage, req.params.id);
    const input: CaptureRuleInput = validateInput(ruleInput, req.body);
    await checkTarget(storage, site, input.notificationId);
    const rule = await rules.create(site.id, input);
    if (!rule) {
      throw new HttpError(
        400,
        'invalid-input',
        `A site can have at most ${MAX_CAPTURE_RULES_PER_SITE} capture rules: delete one before adding another.`,
      );
    }
    res.status(201).json(rule);
  });

  router.get('/sites/:id/capture-rules/:ruleId', async (req, res) => {
    const site = await getSite(storage, req.params.id);
    const rule = await rules.find(site.id, ruleId(req.params.ruleId));
    if (!rule) throw notFound('capture rule');
    res.json(rule);
  });

  router.patch('/sites/:id/capture-rules/:ruleId', async (req, res) => {
    const site = await getSite(storage, req.params.id);
    const id = ruleId(req.params.ruleId);
    const patch = validateInput(rulePatch, req.body);
    if (patch.notificationId !== undefined) await checkTarget(storage, site, patch.notificationId);
    const rule = await rules.update(site.id, id, patch);
    if (!rule) throw notFound('capture rule');
    res.json(rule);
  });

  router.delete('/sites/:id/capture-rules/:ruleId', async (req, res) => {
    const site = await getSite(storage, req.params.id);
    if (!(await rules.remove(site.id, ruleId(req.params.ruleId)))) throw notFound('capture rule');
    res.status(204).end();
  });

  return router;
}
