// GET /admin/preview/:notificationId: the real widget showing one notification's popup, framed by
// the admin's Preview tab (desktop and phone widths), with the latest test events first. Needs the
// admin session like every admin page.
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId } from '../validate.ts';
import type { AdminAuth } from '../auth/admin-auth.ts';
import { previewPageCsp } from '../admin/admin-csp.ts';
import { renderPreviewPage } from './preview-page.ts';
import { buildPreviewData } from './preview-payload.ts';
import { latestTestEvents, withTestEvents } from './preview-test-events.ts';

export interface PreviewRouterDeps {
  auth: AdminAuth;
  storage: Storage;
  clock: Clock;
  /** Widgets connected to a site right now, for a visitors notification's real count. */
  countVisitors(siteId: number): number;
}

export const PREVIEW_SCRIPT_PATH = '/admin/assets/preview.js';

export function createPreviewRouter(deps: PreviewRouterDeps): Router {
  const router = Router();
  router.get(
    '/preview/:notificationId',
    (_req, res, next) => {
      res.locals.cspNonce = randomBytes(16).toString('base64');
      next();
    },
    previewPageCsp(),
    async (req, res) => {
      if (!deps.auth.sessionOf(req, true)) {
        res.status(401).type('text').send('Your admin session has ended: log in again to see the preview.');
        return;
      }
      const notification = await deps.storage.notifications.find(parseId(req.params.notificationId, 'notification'));
      if (!notification) throw notFound('notification');
      const tests = await latestTestEvents(deps.storage, notification);
      const data = withTestEvents(
        await buildPreviewData(
          deps.storage,
          deps.clock,
          notification,
          deps.countVisitors(notification.siteId),
          req.query.lang,
        ),
        tests,
      );
      res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(
          renderPreviewPage({
            data,
            tests: tests.length,
            nonce: res.locals.cspNonce as string,
            widgetKey: `preview-${randomBytes(6).toString('hex')}`,
            previewScriptUrl: PREVIEW_SCRIPT_PATH,
            widgetScriptUrl: '/widget.js',
          }),
        );
    },
  );
  return router;
}
