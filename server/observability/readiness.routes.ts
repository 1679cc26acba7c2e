// GET /readyz: may this process take traffic? Storage must answer a cheap query (SELECT 1 on SQLite;
// on PostgreSQL the same, bounded by the pool's 2 s timeouts) and, when REDIS_URL is set, Redis must
// be connected and answering its liveness PINGs. /healthz beside it answers whether the process is up.
// Each check says "up" or "down"; a 503 names in `down` what is down, for a person reading it.
import express from 'express';

export interface ReadinessDeps {
  /** Resolves when storage answers; rejects otherwise. */
  pingStorage(): Promise<void>;
  /** Absent without REDIS_URL: then Redis is not a check at all. */
  redisConnected?: () => boolean;
}

type CheckState = 'up' | 'down';

export function createReadinessRouter(deps: ReadinessDeps) {
  const router = express.Router();
  router.get('/readyz', async (_req, res) => {
    const checks: Record<string, CheckState> = {};
    checks.storage = await deps.pingStorage().then(
      (): CheckState => 'up',
      (): CheckState => 'down',
    );
    if (deps.redisConnected) checks.redis = deps.redisConnected() ? 'up' : 'down';
    const down = Object.keys(checks).filter((name) => checks[name] === 'down');
    res.set('Cache-Control', 'no-store');
    if (down.length === 0) {
      res.json({ ok: true, ...checks });
      return;
    }
    res
      .status(503)
      .set('Retry-After', '5')
      .json({ ok: false, down, ...checks });
  });
  return router;
}
