// Serves the widget script: /widget.<hash>.js cached forever, /widget.js briefly (it must pick up
// upgrades). The only cross-origin resource Proofhook serves, so CORP/CORS are relaxed here alone.
import { type RequestHandler, Router } from 'express';
import { HttpError } from '../errors.ts';
import type { WidgetBundle } from './widget-bundle.ts';

const SHORT_CACHE = 'public, max-age=300';
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

export function createEmbedRouter(bundle: WidgetBundle | undefined): Router {
  const router = Router();
  const send =
    (cacheControl: string): RequestHandler =>
    (_req, res) => {
      if (!bundle) throw new HttpError(503, 'widget-not-built', 'The widget is not built; run `npm run build`');
      res
        .set({
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': cacheControl,
          'Cross-Origin-Resource-Policy': 'cross-origin',
          // Needed for crossorigin="anonymous" + integrity on other sites.
          'Access-Control-Allow-Origin': '*',
        })
        .send(bundle.code);
    };
  router.get('/widget.js', send(SHORT_CACHE));
  router.get('/widget.:hash.js', (req, res, next) => {
    if (!bundle || req.params.hash !== bundle.hash) {
      next(new HttpError(404, 'not-found', 'No widget with that hash; use the snippet from the admin API'));
      return;
    }
    send(IMMUTABLE_CACHE)(req, res, next);
  });
  return router;
}
