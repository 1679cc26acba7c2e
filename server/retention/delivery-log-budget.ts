// The per-site storage budget of the delivery log (DELIVERY_LOG_MB_PER_SITE). Each stored delivery's
// request bytes are counted in memory per site; once a slice of the budget has arrived since the
// last look, storage is asked for the site's real total (other processes write too) and, over the
// budget, the oldest deliveries lose their stored request until the site is back under it with room
// to spare. The delivery rows stay (time, outcome, reason, size), so counts and stats are unchanged.
import type { Logger } from 'pino';
import type { Storage } from '../storage/storage.ts';

/** A site is looked at again after this share of its budget has been stored since the last look. */
const CHECK_SLICES = 16;
/** A trim goes down to this share of the budget, so the next one is several slices away. */
const TRIM_TO = 7 / 8;

export interface DeliveryLogBudget {
  /**
   * After a commit: counts a delivery's stored bytes (RecordReceipt.storedBytes, measured on the text
   * the row was written from) against its site; may start a check. Never throws.
   */
  noteStored(siteId: number, storedBytes: number): void;
  /** Looks at the site now; resolves with how many deliveries lost their stored request. */
  check(siteId: number): Promise<number>;
  /** Resolves once no check is running (tests, shutdown). */
  idle(): Promise<void>;
}

export function createDeliveryLogBudget(deps: {
  storage: Storage;
  logger: Logger;
  budgetBytes: number;
}): DeliveryLogBudget {
  const { storage, logger, budgetBytes } = deps;
  const slice = Math.max(1, Math.floor(budgetBytes / CHECK_SLICES));
  /** Bytes stored per site since its last check; a site not in the map has not been looked at yet. */
  const sinceCheck = new Map<number, number>();
  const running = new Map<number, Promise<number>>();

  async function trim(siteId: number): Promise<number> {
    const total = await storage.deliveries.storedBytesOfSite(siteId);
    if (total <= budgetBytes) return 0;
    const trimmed = await storage.deliveries.trimOldestOfSite(siteId, total - Math.floor(budgetBytes * TRIM_TO));
    logger.info(
      { siteId, storedBytes: total, budgetBytes, deliveries: trimmed },
      'delivery log over its budget: dropped the oldest stored requests',
    );
    return trimmed;
  }

  function check(siteId: number): Promise<number> {
    const current = running.get(siteId);
    if (current) return current;
    sinceCheck.set(siteId, 0);
    const started = trim(siteId)
      .catch((error: unknown) => {
        logger.warn({ err: error, siteId }, 'delivery log budget: checking the site failed; trying again later');
        sinceCheck.set(siteId, slice); // the next stored delivery tries again
        return 0;
      })
      .finally(() => running.delete(siteId));
    running.set(siteId, started);
    return started;
  }

  return {
    noteStored(siteId, storedBytes) {
      if (budgetBytes <= 0) return;
      const seen = sinceCheck.get(siteId);
      const added = (seen ?? 0) + storedBytes;
      sinceCheck.set(siteId, added);
      if (seen === undefined || added >= slice) void check(siteId);
    },
    check,
    async idle() {
      while (running.size > 0) await Promise.all(running.values());
    },
  };
}
