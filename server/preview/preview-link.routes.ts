// Admin API: POST /api/sites/:id/preview-link mints a link that opens the owner's own site as a
// preview: its widget shows the site's test events (Send test) besides the live ones, and is not
// counted as a visitor. A new token per request, valid for an hour (see preview-token.ts).
import type { Request } from 'express';
import { Router } from 'express';
import type { PreviewLinkReply } from '../../shared/sites.ts';
import { findDemoSite } from '../demo/demo-site.ts';
import { notFound } from '../errors.ts';
import { publicBaseUrl } from '../public-url.ts';
import type { PreviewTokens } from '../realtime/preview-token.ts';
import type { Storage } from '../storage/storage.ts';
import { parseId } from '../validate.ts';

/** The query parameter the widget reads its preview token from. */
export const PREVIEW_QUERY_PARAMETER = 'proofhook-preview';

export interface PreviewLinkDeps {
  storage: Storage;
  previewTokens: PreviewTokens;
  publicUrl: string | undefined;
}

/**
 * The site's first allowed origin is its home page; the built-in demo site's home is /demo. A site
 * that allows every origin has no known address: the owner adds the parameter to a page of theirs.
 */
async function homePage(deps: PreviewLinkDeps, req: Request, siteId: number, allowedOrigins: string[]) {
  if (allowedOrigins[0]) return `${allowedOrigins[0]}/`;
  const demo = await findDemoSite(deps.storage);
  return demo?.site.id === siteId ? `${publicBaseUrl(deps.publicUrl, req)}/demo` : undefined;
}

export function createPreviewLinkRouter(deps: PreviewLinkDeps): Router {
  const router = Router();
  router.post('/sites/:id/preview-link', async (req, res) => {
    const site = await deps.storage.sites.find(parseId(req.params.id, 'site'));
    if (!site) throw notFound('site');
    const { token, expiresAt } = await deps.previewTokens.mint(site.id);
    const home = await homePage(deps, req, site.id, site.allowedOrigins);
    const query = `${PREVIEW_QUERY_PARAMETER}=${encodeURIComponent(token)}`;
    const reply: PreviewLinkReply = { token, expiresAt, url: home ? `${home}?${query}` : null, query: `?${query}` };
    res.set('Cache-Control', 'no-store').status(201).json(reply);
  });
  return router;
}
