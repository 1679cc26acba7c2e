// Rung (d) of the ingest figure (bench/lib/ingest.ts): Proofhook's own server with everything but the
// database write. The app is built as server/index.ts builds it (real config reader, SQLite storage,
// geo-IP, sender profiles, realtime, observability), and only `deliveries.record` is replaced: it
// makes the same receipt from the same rows (the delivery's JSON text, the conversion row, and after
// the reply the conversion's public view and push) without running a statement or a commit. So (d)
// costs what an ack would cost if storing it were free: when (d) is already below a target ratio, no
// work on the write path can reach it.
import type { Server } from 'node:http';
import pino from 'pino';
import { createApp } from '../../server/app.ts';
import { systemClock } from '../../server/clock.ts';
import { readConfig } from '../../server/config.ts';
import { toConversion } from '../../server/conversions/conversion.rows.ts';
import { deliveryTextColumns } from '../../server/deliveries/delivery.rows.ts';
import { conversionRow } from '../../server/deliveries/delivery.sqlite.ts';
import type { DeliveryRepository } from '../../server/deliveries/delivery.types.ts';
import { createGeoipLiteLookup } from '../../server/geo/geoip-lite.ts';
import { createMetrics } from '../../server/observability/metrics.ts';
import { openStorage } from '../../server/storage/open-storage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { LIFTED_LIMITS } from './children.ts';

export interface ServerWithoutWrites {
  httpServer: Server;
  /** The storage the app uses: the real one but for `deliveries.record`. */
  storage: Storage;
  close(): Promise<void>;
}

/** The receipt `deliveries.record` would return, made without writing anything. */
export function recordWithoutWriting(): DeliveryRepository['record'] {
  let lastDeliveryId = 0;
  return async (input) => {
    const deliveryId = ++lastDeliveryId;
    const { storedBytes } = deliveryTextColumns(input);
    const conversion =
      input.outcome === 'accepted' && input.conversion
        ? toConversion({ id: deliveryId, ...conversionRow(input, input.conversion, deliveryId) })
        : null;
    return { deliveryId, outcome: input.outcome, conversion, storedBytes };
  };
}

export async function createServerWithoutWrites(options: {
  dataDir: string;
  adminToken: string;
}): Promise<ServerWithoutWrites> {
  const config = readConfig({
    DATA_DIR: options.dataDir,
    ADMIN_TOKEN: options.adminToken,
    DEMO: 'false',
    LOG_LEVEL: 'warn',
    ...LIFTED_LIMITS,
  });
  const logger = pino({ level: config.logLevel });
  const metrics = createMetrics();
  const opened = await openStorage(config, { clock: systemClock, logger, onCommitBatch: metrics.commitBatch });
  const storage: Storage = {
    ...opened.storage,
    deliveries: { ...opened.storage.deliveries, record: recordWithoutWriting() },
  };
  const { httpServer, realtime } = createApp({
    config,
    adminToken: options.adminToken,
    storage,
    geo: createGeoipLiteLookup(),
    clock: systemClock,
    logger,
    limits: config.limits,
    metrics,
  });
  return {
    httpServer,
    storage,
    async close() {
      realtime.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await opened.close();
    },
  };
}
