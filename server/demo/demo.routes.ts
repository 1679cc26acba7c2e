// GET /demo: a page that embeds the demo site's widget and shows the curl that triggers a popup,
// and the sample's product image.
import { Router } from 'express';
import { HttpError } from '../errors.ts';
import { publicBaseUrl } from '../public-url.ts';
import type { Storage } from '../storage/storage.ts';
import { DEMO_PRODUCT_IMAGE_PATH, renderDemoPage } from './demo-page.ts';
import { DEMO_PRODUCT_IMAGE_SVG } from './demo-product-image.ts';
import { findDemoSite } from './demo-site.ts';

/** `enabled`: DEMO is on. Off, /demo is a 404 even when an earlier start made a demo site. */
export function createDemoRouter(storage: Storage, publicUrl: string | undefined, enabled: boolean): Router {
  const router = Router();
  router.get('/demo', async (req, res) => {
    const demo = enabled ? await findDemoSite(storage) : undefined;
    if (!demo) throw new HttpError(404, 'not-found', 'The demo is off (start with DEMO=true to get it)');
    const base = publicBaseUrl(publicUrl, req);
    res.type('html').send(
      renderDemoPage({
        widgetKey: demo.site.widgetKey,
        ingestUrl: `${base}/hooks/${demo.notification.ingestToken}`,
        baseUrl: base,
      }),
    );
  });
  router.get(DEMO_PRODUCT_IMAGE_PATH, (_req, res) => {
    // Any site's popup may show it (the README's sample points at it): not only same-origin pages.
    res
      .set({ 'Cache-Control': 'public, max-age=86400', 'Cross-Origin-Resource-Policy': 'cross-origin' })
      .type('image/svg+xml')
      .send(DEMO_PRODUCT_IMAGE_SVG);
  });
  return router;
}
