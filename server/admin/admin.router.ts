// Everything under /admin: the session API, the widget preview and the admin page itself, all
// under the admin Content-Security-Policy.
import { Router } from 'express';
import type { Clock } from '../clock.ts';
import type { Storage } from '../storage/storage.ts';
import type { AdminAuth } from '../auth/admin-auth.ts';
import { adminPageCsp } from './admin-csp.ts';
import { createAdminPagesRouter } from './admin-pages.routes.ts';
import { createPreviewRouter } from '../preview/preview.routes.ts';
import { createSessionRouter } from '../auth/session.routes.ts';

export interface AdminRouterDeps {
  auth: AdminAuth;
  storage: Storage;
  clock: Clock;
  countVisitors(siteId: number): number;
  /** Where the built admin page lives; dist/admin by default. */
  distDir?: string;
}

export function createAdminRouter(deps: AdminRouterDeps): Router {
  const router = Router();
  router.use(adminPageCsp());
  router.use('/api', createSessionRouter(deps.auth));
  router.use(createPreviewRouter(deps));
  router.use(createAdminPagesRouter(deps.auth, deps.distDir));
  return router;
}
