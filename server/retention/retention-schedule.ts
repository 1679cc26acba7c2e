// Runs the retention purge at start and then hourly, off the request path; a failure is logged and retried next hour.
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Storage } from '../storage/storage.ts';
import { type RetentionSettings, purgeExpiredData } from './purge-expired-data.ts';

export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export function startRetentionSchedule(storage: Storage, clock: Clock, logger: Logger, settings: RetentionSettings) {
  const run = async () => {
    try {
      const report = await purgeExpiredData(storage, clock.now(), settings);
      if (report.deliveryBodies + report.conversions + report.dedupeKeys > 0) logger.info(report, 'retention purge');
    } catch (error) {
      logger.error({ err: error }, 'retention purge failed; retrying in an hour');
    }
  };
  void run();
  const timer = setInterval(run, RETENTION_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
