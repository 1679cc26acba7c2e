// GET /metrics in Prometheus's text format, for a scraper that sends `Authorization: Bearer <token>`:
// METRICS_TOKEN when set (a scraper then never holds the admin token), or the admin token. No session
// cookie: a browser tab has no business here. Wrong tokens count against the failed-login limit.
import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import { clientAddress } from '../auth/admin-auth.ts';
import type { AdminAuth } from '../auth/admin-auth.ts';
import { tooManyAttempts } from '../auth/require-admin-token.ts';
import { HttpError } from '../errors.ts';

export interface MetricsRouteDeps {
  auth: AdminAuth;
  /** A token for scrapers only; the admin token works too. */
  metricsToken?: string;
  /** This process's metrics, or every worker's (see server/cluster/cluster-metrics.ts). */
  read(): Promise<string>;
  contentType: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest();

const unauthorized = () =>
  new HttpError(401, 'unauthorized', 'Send "Authorization: Bearer <METRICS_TOKEN>" (or the admin token)', {
    'WWW-Authenticate': 'Bearer realm="proofhook-metrics"',
  });

export function createMetricsRouter(deps: MetricsRouteDeps) {
  const metricsTokenHash = deps.metricsToken === undefined ? undefined : sha256(deps.metricsToken);
  // Hashing both sides gives equal lengths, so the comparison takes the same time whatever was sent.
  const isMetricsToken = (secret: string) =>
    metricsTokenHash !== undefined && timingSafeEqual(sha256(secret), metricsTokenHash);

  const router = express.Router();
  router.get('/metrics', async (req, res) => {
    const ip = clientAddress(req);
    const wait = deps.auth.limiter.retryAfterMs(ip);
    if (wait > 0) throw tooManyAttempts(wait);
    const secret = /^Bearer\s+(.+)$/i.exec(req.get('authorization')?.trim() ?? '')?.[1]?.trim();
    if (!secret || !(isMetricsToken(secret) || deps.auth.credentials.isTokenSync(secret))) {
      if (secret) deps.auth.limiter.recordFailure(ip);
      throw unauthorized();
    }
    let text: string;
    try {
      text = await deps.read();
    } catch (error) {
      throw new HttpError(503, 'metrics-unavailable', `Metrics could not be gathered: ${(error as Error).message}`);
    }
    res.set('Content-Type', deps.contentType).set('Cache-Control', 'no-store').send(text);
  });
  return router;
}
