// Conversions that come without a webhook: a CSV import, a hand-made entry, and the CSV export.
import { Router } from 'express';
import type { WebhookDeps } from '../ingest/handle-webhook.ts';
import { createExportRouter } from './export.routes.ts';
import { createImportRouter } from './import.routes.ts';
import { createManualEntryRouter } from './manual-entry.routes.ts';

export function createImportsRouter(deps: WebhookDeps): Router {
  const router = Router();
  router.use(createImportRouter(deps));
  router.use(createManualEntryRouter(deps));
  router.use(createExportRouter(deps.storage, deps.logger));
  return router;
}
