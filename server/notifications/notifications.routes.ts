// Admin API for notifications: create in a site, list, read, update (pause/resume, rename,
// template, display rules, field map, token rotation) and delete (a tombstone whose URL answers 410).
import { Router } from 'express';
import { z } from 'zod';
import { HttpError, notFound } from '../errors.ts';
import { publicBaseUrl } from '../public-url.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId, validateInput } from '../validate.ts';
import { verificationConfigSchema } from '../ingest/signatures/verification-config.ts';
import { type FieldMapPatch, entryProblem } from '../senders/field-map.ts';
import { contrastProblem, mergeDesign } from './design.ts';
import { DISPLAY_FIELD_LABELS, displayRulesPatchSchema } from './display-rules.ts';
import { DEFAULT_TEMPLATES, validateTemplate } from './message-template.ts';
import { toNotificationView } from './notification.view.ts';
import { createSiteLookStore } from './site-design.ts';

const template = z.string().superRefine((value, ctx) => {
  const problem = validateTemplate(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

// Keys and paths are checked here so that a bad entry is a 400 naming it, never a silent no-op.
const fieldMapPatch = z
  .record(z.string(), z.string().nullable())
  .superRefine((map, ctx) => {
    for (const [field, entry] of Object.entries(map)) {
      const problem = entryProblem(field, entry);
      if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
    }
  })
  .transform((map) => map as FieldMapPatch);

const name = z
  .string({ error: 'Give the notification a name.' })
  .trim()
  .min(1, 'Give the notification a name.')
  .max(100, 'Keep the notification name to 100 characters or fewer.');

const createInput = z
  .object({
    name,
    kind: z
      .enum(['stream', 'conversion', 'visitors'], { error: 'Choose a kind: stream, conversion or visitors.' })
      .default('stream'),
    messageTemplate: template.optional(),
    display: displayRulesPatchSchema.default({}),
  })
  .strict();

const patchInput = z
  .object({
    name,
    messageTemplate: template,
    status: z.enum(['active', 'paused']),
    display: displayRulesPatchSchema,
    verification: verificationConfigSchema.nullable(),
    onVerificationFailure: z.enum(['quarantine', 'reject']),
    fieldMap: fieldMapPatch.nullable(),
    rotateToken: z.literal(true),
  })
  .partial()
  .strict();

/**
 * `onChanged` hears every saved change of a notification, so open widgets can take it (config-push.ts).
 */
export function createNotificationsRouter(
  storage: Storage,
  publicUrl: string | undefined,
  onChanged: (siteId: number) => void = () => {},
): Router {
  const router = Router();
  const looks = createSiteLookStore(storage.settings);

  /** The notification's colours over its site's must stay readable (WCAG AA). */
  const checkContrast = async (siteId: number, design: object | null | undefined) => {
    if (!design) return;
    const problem = contrastProblem(mergeDesign((await looks.get(siteId)).design, design));
    if (problem) throw new HttpError(400, 'invalid-input', problem);
  };

  router.post('/sites/:siteId/notifications', async (req, res) => {
    const site = await storage.sites.find(parseId(req.params.siteId, 'site'));
    if (!site) throw notFound('site');
    const input = validateInput(createInput, req.body, DISPLAY_FIELD_LABELS);
    await checkContrast(site.id, input.display.design);
    const notification = await storage.notifications.create({
      siteId: site.id,
      kind: input.kind,
      name: input.name,
      messageTemplate: input.messageTemplate ?? DEFAULT_TEMPLATES[input.kind],
      display: input.display,
    });
    onChanged(site.id);
    res.status(201).json(toNotificationView(notification, publicBaseUrl(publicUrl, req)));
  });

  router.get('/sites/:siteId/notifications', async (req, res) => {
    const site = await storage.sites.find(parseId(req.params.siteId, 'site'));
    if (!site) throw notFound('site');
    const base = publicBaseUrl(publicUrl, req);
    const notifications = await storage.notifications.listBySite(site.id);
    res.json({ notifications: notifications.map((n) => toNotificationView(n, base)) });
  });

  router.get('/notifications/:id', async (req, res) => {
    const notification = await storage.notifications.find(parseId(req.params.id, 'notification'));
    if (!notification) throw notFound('notification');
    res.json(toNotificationView(notification, publicBaseUrl(publicUrl, req)));
  });

  router.patch('/notifications/:id', async (req, res) => {
    const id = parseId(req.params.id, 'notification');
    const { rotateToken, ...patch } = validateInput(patchInput, req.body, DISPLAY_FIELD_LABELS);
    if (rotateToken === undefined && Object.keys(patch).length === 0) {
      throw new HttpError(
        400,
        'invalid-input',
        'Nothing to change: send name, messageTemplate, status, display, verification, onVerificationFailure, fieldMap or rotateToken.',
      );
    }
    if (patch.display?.design) {
      const current = await storage.notifications.find(id);
      if (!current) throw notFound('notification');
      await checkContrast(current.siteId, patch.display.design);
    }
    let notification = await storage.notifications.update(id, patch);
    if (notification && rotateToken) notification = await storage.notifications.rotateToken(id);
    if (!notification) throw notFound('notification');
    onChanged(notification.siteId);
    res.json(toNotificationView(notification, publicBaseUrl(publicUrl, req)));
  });

  router.delete('/notifications/:id', async (req, res) => {
    const id = parseId(req.params.id, 'notification');
    const siteId = (await storage.notifications.find(id))?.siteId;
    if (!(await storage.notifications.remove(id))) throw notFound('notification');
    if (siteId !== undefined) onChanged(siteId);
    res.status(204).end();
  });

  return router;
}
