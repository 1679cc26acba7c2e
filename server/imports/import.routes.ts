// Admin API: import a CSV file of past conversions into a notification (or preview the import).
import { Router } from 'express';
import { z } from 'zod';
import { HttpError, notFound } from '../errors.ts';
import type { Notification } from '../notifications/notification.types.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId, validateInput } from '../validate.ts';
import { readCsvFile } from './csv-file.ts';
import { parseImportMapping } from './import-mapping.ts';
import { type ImportDeps, runImport } from './run-import.ts';

const importQuery = z.object({
  dryRun: z.enum(['1', 'true', '0', 'false']).optional(),
  map: z.string().max(20_000).optional(),
  dateOrder: z.enum(['month-first', 'day-first']).optional(),
});

/** A live notification that stores conversions; a live-visitors one has none to take. */
export async function findEntryTarget(storage: Storage, id: string | undefined): Promise<Notification> {
  const notification = await storage.notifications.find(parseId(id, 'notification'));
  if (!notification) throw notFound('notification');
  if (notification.kind === 'visitors') {
    throw new HttpError(409, 'wrong-kind', 'A live-visitors notification counts open pages; it stores no conversions');
  }
  return notification;
}

export function createImportRouter(deps: ImportDeps): Router {
  const router = Router();
  router.post('/notifications/:id/import', async (req, res) => {
    const notification = await findEntryTarget(deps.storage, req.params.id);
    const query = validateInput(importQuery, req.query);
    const mapping = parseImportMapping(query.map);
    const file = await readCsvFile(req);
    const dryRun = query.dryRun === '1' || query.dryRun === 'true';
    res.json(await runImport(file, notification, { dryRun, mapping, dateOrder: query.dateOrder }, deps));
  });
  return router;
}
