// The rounds of `npm run bench:stages`: one realistic webhook (payloads.ts, JSON and its form
// twin) through each stage of the ingest path, each stage calling the real module, timed in CPU
// (process.cpuUsage: user + system, every thread of this process) per request. In every round, for
// each format: the stages in pipeline order (each stage's output is the next one's input, each
// stage in a loop over all of the round's requests), the whole ack through the real handler for
// each batch size, and the two references; the order of those blocks, of the formats and of the
// batch sizes rotates from round to round, and the first rounds only warm up.
import { toConversion, type ConversionRow } from '../../server/conversions/conversion.rows.ts';
import { toPublicConversion } from '../../server/conversions/public-view.ts';
import { keepBodyOf } from '../../server/ingest/body-keeping.ts';
import { classifyDelivery } from '../../server/ingest/classify-delivery.ts';
import { MAX_BODY_BYTES, decompressBody } from '../../server/ingest/decode-body.ts';
import { chooseDedupeKey } from '../../server/ingest/dedupe-key.ts';
import type { DeliveryRecord, RecordResult } from '../../server/ingest/delivery.types.ts';
import { matchWebhookPath } from '../../server/ingest/ingest.routes.ts';
import { interpretDelivery } from '../../server/ingest/interpret-delivery.ts';
import { type ParsedBody, parseBody } from '../../server/ingest/parse-body.ts';
import { readRawBody } from '../../server/ingest/read-body.ts';
import { isTestRequest } from '../../server/ingest/test-event.ts';
import { OUTCOME_REPLIES } from '../../server/ingest/webhook-replies.ts';
import { normalizePayload } from '../../server/normalize/normalize-payload.ts';
import type { PublicConversion } from '../../shared/protocol.ts';
import type { BodyFormat } from './payloads.ts';
import type { StageHarness } from './stage-harness.ts';
import { type BenchRequest, fakeIncoming, fakeResponse, freshRequests } from './stage-requests.ts';
import { median } from './stats.ts';

export interface StageSettings {
  rounds: number;
  warmupRounds: number;
  /**
   * Requests per format and round: through the stages (the writes split evenly over the batch
   * sizes, so a multiple of each size times their number), and again through the whole ack for each size.
   */
  items: number;
  /** Passes over the round's requests for the stages that can run again on the same input. */
  repeats: number;
  /** Group-commit batch sizes: how many webhooks share one transaction. */
  batchSizes: number[];
  /** Pushes per round to the site with widgets. */
  widgetEmits: number;
}

/** Per format, per measurement key, µs of CPU per request in each measured round. */
export type StageSamples = Record<BodyFormat, Map<string, number[]>>;

export interface StageResults {
  samples: StageSamples;
  /** Per format, the median of each key's rounds. */
  medians: Record<BodyFormat, Map<string, number>>;
}

type Record_ = (key: string, microsPerItem: number) => void;

const cpuMicros = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

/** CPU per item of `work`, which handles `count` items. */
async function perItem(count: number, work: () => Promise<void> | void): Promise<number> {
  const start = cpuMicros();
  await work();
  return (cpuMicros() - start) / count;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

let sink = 0;
/** Keeps the results of timed pure work observable, so none of it can be optimized away. */
export const stageWorkSink = () => sink;

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`bench:stages: ${what}`);
}

/** `list` from its `by`-th element on: each round starts with another format, block or batch size. */
const rotated = <T>(list: readonly T[], by: number): T[] => list.map((_, i) => list[(i + by) % list.length] as T);

/** One block of a round: records its measurements and returns the deliveries it wrote. */
type Block = (h: StageHarness, format: BodyFormat, s: StageSettings, record: Record_, round: number) => Promise<number>;

/** Every stage in pipeline order, each over all of the round's requests. Returns the deliveries written. */
const measureStages: Block = async (h, format, s, record, round) => {
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
        sink += raw.bytes.length;
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
        sink += JSON.stringify(input.headers).length;
        sink += input.normalized ? JSON.stringify(input.normalized).length : 0;
        sink += input.fieldSources ? JSON.stringify(input.fieldSources).length : 0;
        sink += JSON.stringify(input.conversion?.products ?? []).length;
        sink += toConversion(rows[i] as ConversionRow).id;
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
      for (let i = 0; i < passes; i++) sink += savepoint();
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

/**
 * The whole ack through the real handler (createApp's request listener), in batches of `size`
 * requests started in one turn, so that the group commit takes each batch as one transaction, as it
 * takes concurrent requests. Each size is its own block: run interleaved, batches of one size paid
 * for work the other left behind (garbage, mostly), measured.
 */
function measureEndToEnd(size: number): Block {
  return async (h, format, s, record) => {
    const requests = freshRequests(format, size + s.items, h.hookPath, Date.now());
    const ack = async (batch: BenchRequest[]) => {
      const calls = batch.map((r) => ({ req: fakeIncoming(r), ...fakeResponse() }));
      const t0 = cpuMicros();
      for (const call of calls) h.app.app(call.req, call.res);
      const replies = await Promise.all(calls.map((call) => call.reply));
      // The pushes run in the turn after the replies (commitDelivery's setImmediate).
      await nextTurn();
      const used = cpuMicros() - t0;
      check(
        replies.every((reply) => reply.status === 200 && reply.body === OUTCOME_REPLIES.accepted.body),
        `an ack was not "accepted": ${JSON.stringify(replies.find((r) => r.status !== 200) ?? replies[0])}`,
      );
      return used;
    };
    // Not timed: the first batch of a block pays for what the block before it left.
    await ack(requests.slice(0, size));
    let used = 0;
    for (let start = size; start < requests.length; start += size)
      used += await ack(requests.slice(start, start + size));
    record(`e2e@${size}`, used / s.items);
    return requests.length;
  };
}

/** What the bare references do per request: JSON.parse (URLSearchParams for forms), one INSERT in its own transaction. */
const measureReferences: Block = async (h, format, s, record) => {
  const requests = freshRequests(format, s.items, '/', Date.now());
  const texts = requests.map((r) => r.body.toString('utf8'));
  record(
    'bareParse',
    await perItem(requests.length * s.repeats, () => {
      for (let pass = 0; pass < s.repeats; pass++) {
        for (const request of requests) {
          const text = request.body.toString('utf8');
          const value: object =
            format === 'form' ? Object.fromEntries(new URLSearchParams(text)) : (JSON.parse(text) as object);
          sink += Object.keys(value).length;
        }
      }
    }),
  );
  record(
    'bareInsert',
    await perItem(texts.length, () => {
      for (const text of texts) h.bareInsert(text, Date.now());
    }),
  );
  return 0;
};

export async function measureStageCosts(
  h: StageHarness,
  s: StageSettings,
  onRound?: (round: number) => void,
): Promise<StageResults> {
  for (const size of s.batchSizes) {
    if (s.items % (size * s.batchSizes.length) !== 0) {
      throw new Error(`items (${s.items}) must split evenly into batches of ${s.batchSizes.join(' and ')}`);
    }
  }
  const formats: BodyFormat[] = ['json', 'form'];
  const samples: StageSamples = { json: new Map(), form: new Map() };
  const blocks = [measureStages, ...s.batchSizes.map(measureEndToEnd), measureReferences];
  const total = s.warmupRounds + s.rounds;
  for (let round = 0; round < total; round++) {
    const measured = round >= s.warmupRounds;
    for (let f = 0; f < formats.length; f++) {
      const format = rotated(formats, round)[f] as BodyFormat;
      const record: Record_ = (key, value) => {
        if (!measured) return;
        const list = samples[format].get(key) ?? [];
        list.push(value);
        samples[format].set(key, list);
      };
      let written = 0;
      for (const block of rotated(blocks, round)) written += await block(h, format, s, record, round);
      // What the server's checkpoint worker does for these deliveries: copy their WAL frames into the file.
      record('checkpoint', await perItem(written, () => h.checkpoint()));
    }
    if (measured) onRound?.(round - s.warmupRounds + 1);
  }
  const medianOf = (map: Map<string, number[]>) => new Map([...map].map(([key, values]) => [key, median(values)]));
  return { samples, medians: { json: medianOf(samples.json), form: medianOf(samples.form) } };
}
