// The stages of the ingest path in pipeline order, each calling the real module over all of a round's
// requests (each stage's output is the next one's input), timed in CPU per request.
import { toConversion, type ConversionRow } from '../../server/conversions/conversion.rows.ts';
import { toPublicConversion } from '../../server/conversions/public-view.ts';
import { keepBodyOf } from '../../server/ingest/body-keeping.ts';
import { classifyDelivery } from '../../server/ingest/classify-delivery.ts';
import { MAX_BODY_BYTES, decompressBody } from '../../server/ingest/decode-body.ts';
import { chooseDedupeKey } from '../../server/ingest/dedupe-key.ts';
import type { DeliveryRecord, RecordResult } from '../../server/deliveries/delivery.types.ts';
import { matchWebhookPath } from '../../server/ingest/ingest.routes.ts';
import { interpretDelivery } from '../../server/ingest/interpret-delivery.ts';
import { type ParsedBody, parseBody } from '../../server/ingest/parse-body.ts';
import { readRawBody } from '../../server/ingest/read-body.ts';
import { isTestRequest } from '../../server/ingest/test-event.ts';
import { normalizePayload } from '../../server/normalize/normalize-payload.ts';
import type { PublicConversion } from '../../shared/protocol.ts';
import { fakeIncoming, freshRequests } from './stage-requests.ts';
import { type Block, check, cpuMicros, keep, perItem } from './stage-timing.ts';

/** `list` from its `by`-th element on: each round starts with another format, block or batch size. */
export const rotated = <T>(list: readonly T[], by: number): T[] =>
  list.map((_, i) => list[(i + by) % list.length] as T);

/** Every stage in pipeline order, each over all of the round's requests. Returns the deliveries written. */
export const measureStages: Block = async (h, format, s, record, round) => {
  const now = Date.now();
  const requests = freshRequests(format, s.items, h.hookPath, now);
  const n = requests.length;
  const passes = n * s.repeats;
  const repeat = async (each: (index: number) => Promise<void> | void) => {
    for (let pass = 0; pass < s.repeats; pass++) for (let i = 0; i < n; i++) await each(i);
  };

  let found = h.notification;
  record(
    'route',
    await perItem(passes, () =>
      repeat(async (i) => {
        const token = matchWebhookPath(requests[i]?.url) as string;
        found = (await h.storage.notifications.findByIngestToken(token)) ?? found;
      }),
    ),
  );
  const notification = found;
  check(notification.id === h.notification.id, 'the route lookup found another notification');
  const bucket = `notification:${notification.id}`;
  record(
    'rateLimit',
    await perItem(passes, () =>
      repeat(async () => {
        check((await h.limiter.take(bucket)).allowed, 'the rate limiter refused a request');
      }),
    ),
  );

  const streams = Array.from({ length: s.repeats }, () => requests.map(fakeIncoming)).flat();
  record(
    'read',
    await perItem(streams.length, async () => {
      for (const stream of streams) {
        const raw = await readRawBody(stream, MAX_BODY_BYTES);
        check(raw.ok && raw.bytes.length > 0, 'a body was not read');
        keep(raw.bytes.length);
      }
    }),
  );

  const parsed: ParsedBody[] = [];
  record(
    'parse',
    await perItem(passes, () =>
      repeat(async (i) => {
        const request = requests[i]!;
        const decoded = await decompressBody(request.body, request.headers['content-encoding'], MAX_BODY_BYTES);
        parsed[i] = await parseBody(decoded, request.headers['content-type']);
      }),
    ),
  );
  check(
    parsed.every((body) => body.format === format),
    `a ${format} body was parsed as something else`,
  );

  const eventIds: (string | undefined)[] = [];
  record(
    'normalize',
    await perItem(passes, () =>
      repeat((i) => {
        const request = requests[i]!;
        const { conversion } = normalizePayload(parsed[i]?.value, {
          receivedAt: now,
          lookupIp: (ip) => h.geo.lookup(ip),
          headers: request.headers,
          senders: h.senders,
          fieldMap: notification.fieldMap,
        });
        const classified = classifyDelivery({ notification, shape: 'data', conversion });
        check(classified.outcome === 'accepted' && !isTestRequest(request.headers), 'a webhook was not accepted');
        eventIds[i] = conversion.eventId;
      }),
    ),
  );

  const keys: (string | null)[] = [];
  record(
    'dedupe',
    await perItem(passes, () =>
      repeat((i) => {
        const request = requests[i]!;
        keys[i] = chooseDedupeKey({
          headers: request.headers,
          eventId: eventIds[i],
          body: request.body,
          hashBody: notification.kind === 'stream',
        });
      }),
    ),
  );

  // The same work as one call, as the route makes it: its records are the ones stored below.
  const records: DeliveryRecord[] = [];
  const interpretDeps = { geo: h.geo, logger: h.logger, senders: h.senders };
  record(
    'interpret',
    await perItem(n, async () => {
      for (const request of requests) {
        const received = { receivedAt: now, method: 'POST', headers: request.headers, query: null, body: request.body };
        records.push(keepBodyOf(await interpretDelivery(notification, received, interpretDeps)));
      }
    }),
  );
  check(
    records.every((r, i) => r.outcome === 'accepted' && r.conversion !== null && r.dedupeKey === keys[i]),
    'interpretDelivery read a request differently from the stages',
  );

  const stored: RecordResult[] = [];
  const repository = new Map<number, number>();
  const itemCpu = new Map<number, number>();
  const commitCpu = new Map<number, number>();
  const share = n / s.batchSizes.length;
  for (const size of rotated(s.batchSizes, round)) {
    const from = s.batchSizes.indexOf(size) * share;
    for (let start = from; start < from + share; start += size) {
      const chunk = records.slice(start, start + size);
      const t0 = cpuMicros();
      // Opened here, so that the group commit's batch runs as a savepoint inside it (better-sqlite3
      // nests transactions that way) and its COMMIT can be timed alone.
      h.db.exec('BEGIN');
      stored.push(...(await Promise.all(chunk.map((r) => h.storage.deliveries.record(r)))));
      const t1 = cpuMicros();
      h.db.exec('COMMIT');
      commitCpu.set(size, (commitCpu.get(size) ?? 0) + cpuMicros() - t1);
      itemCpu.set(size, (itemCpu.get(size) ?? 0) + t1 - t0);
    }
  }
  for (const size of s.batchSizes) {
    repository.set(size, (itemCpu.get(size) ?? 0) / share);
    record(`commit@${size}`, (commitCpu.get(size) ?? 0) / share);
  }
  check(
    stored.length === s.batchSizes.length * share && stored.every((r) => r.outcome === 'accepted' && r.conversion),
    'a delivery was not stored as an accepted conversion',
  );

  // The JavaScript of the repository's write, apart from binding: the JSON text it stores and the
  // conversion it hands back (from the rows as stored). Subtracted from the repository's time.
  const select = h.db.prepare<[number], ConversionRow>('SELECT * FROM conversion WHERE id = ?');
  const rows = stored.map((r) => select.get(r.conversion?.id ?? 0) as ConversionRow);
  const rowCount = rows.length;
  const rowBuilding = await perItem(rowCount * s.repeats, () => {
    for (let pass = 0; pass < s.repeats; pass++) {
      for (let i = 0; i < rowCount; i++) {
        const input = records[i] as DeliveryRecord;
        keep(JSON.stringify(input.headers).length);
        keep(input.normalized ? JSON.stringify(input.normalized).length : 0);
        keep(input.fieldSources ? JSON.stringify(input.fieldSources).length : 0);
        keep(JSON.stringify(input.conversion?.products ?? []).length);
        keep(toConversion(rows[i] as ConversionRow).id);
      }
    }
  });
  record('rows', rowBuilding);
  for (const [size, items] of repository) record(`statements@${size}`, items - rowBuilding);

  const savepoint = h.db.transaction(() => 0);
  h.db.exec('BEGIN');
  record(
    'savepoint',
    await perItem(passes, () => {
      for (let i = 0; i < passes; i++) keep(savepoint());
    }),
  );
  h.db.exec('COMMIT');

  const conversions = stored.map((r) => r.conversion!);
  const views: PublicConversion[] = [];
  record(
    'publicView',
    await perItem(conversions.length * s.repeats, () => {
      for (let pass = 0; pass < s.repeats; pass++) {
        conversions.forEach((c, i) => {
          views[i] = toPublicConversion(c, notification);
        });
      }
    }),
  );
  record(
    'emit',
    await perItem(views.length, async () => {
      for (const view of views) await h.pushes.toSite(notification.siteId, 'conversion:created', view);
    }),
  );
  const widgets = h.widgets;
  if (widgets) {
    const pushed = views.slice(0, s.widgetEmits);
    record(
      'emitWidgets',
      await perItem(pushed.length, async () => {
        for (const view of pushed) await h.pushes.toSite(widgets.siteId, 'conversion:created', view);
      }),
    );
  }
  return stored.length;
};
