// The admin page's files from dist/admin (built by `npm run build:admin`): hashed assets cached for
// good, and the app shell for every /admin URL, which is refused (→ login) without a session.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Response, Router } from 'express';
import { HttpError } from '../errors.ts';
import { projectPath } from '../project-root.ts';
import type { AdminAuth } from '../auth/admin-auth.ts';

export const ADMIN_DIST_DIR = projectPath('dist/admin');
/** Vite's content-hashed names (main-3fA9c_1b.js); anything else may change under the same name. */
const HASHED_ASSET = /-[A-Za-z0-9_-]{8,}\.(?:js|css|svg|woff2)$/;

export function createAdminPagesRouter(auth: AdminAuth, distDir: string = ADMIN_DIST_DIR): Router {
  const router = Router();
  // Read on every request (it is half a kilobyte): a rebuild while running never serves a shell
  // that points at assets which no longer exist.
  const sendShell = async (res: Response) => {
    let html: string;
    try {
      html = await fs.promises.readFile(path.join(distDir, 'index.html'), 'utf8');
    } catch {
      throw new HttpError(503, 'admin-not-built', 'The admin page is not built; run `npm run build`');
    }
    res.set({ 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY' }).type('html').send(html);
  };

  router.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), {
      index: false,
      setHeaders(res, file) {
        res.set('Cache-Control', HASHED_ASSET.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
    (req, _res, next) => next(new HttpError(404, 'not-found', `No admin asset ${req.path}`)),
  );

  router.get('/login', (_req, res) => sendShell(res));

  router.get(['/', '/*path'], async (req, res) => {
    if (!auth.sessionOf(req, true)) {
      res.redirect(303, `/admin/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    await sendShell(res);
  });

  return router;
}
