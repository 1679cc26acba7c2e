// GET /demo: a page that embeds the demo site's widget and shows the curl that triggers a popup.
import { Router } from 'express';
import { HttpError } from '../errors.ts';
import { publicBaseUrl } from '../public-url.ts';
import type { Storage } from '../storage.ts';
import { findDemoSite } from './demo-site.ts';
import { renderDemoPage } from './demo-page.ts';

export function createDemoRouter(storage: Storage, publicUrl: string | undefined): Router {
  const router = Router();
  router.get('/demo', async (req, res) => {
    const demo = await findDemoSite(storage);
    if (!demo) throw new HttpError(404, 'not-found', 'The demo is off (start without DEMO=false to get it)');
    const base = publicBaseUrl(publicUrl, req);
    res
      .type('html')
      .send(
        renderDemoPage({ widgetKey: demo.site.widgetKey, ingestUrl: `${base}/hooks/${demo.notification.ingestToken}` }),
      );
  });
  return router;
}
