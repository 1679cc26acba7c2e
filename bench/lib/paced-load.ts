// Open-loop load at a low fixed rate: request i is due at start + i/rate whatever happened before,
// and its latency counts from when it was due. Used for figure 3 instead of autocannon, whose
// `overallRate` sends per-connection bursts at the top of each second and whose coordinated-
// omission correction assumes an interval of ceil(1/rate) ms (1 ms at 1 req/s per connection).
import http from 'node:http';
import type { LoadResult } from './load.ts';
import { type BodyFormat, CONTENT_TYPES, conversionBody } from './payloads.ts';
import { percentileOfSorted, sortedCopy } from './stats.ts';

export interface PacedLoadOptions {
  url: string;
  path: string;
  format: BodyFormat;
  ratePerSecond: number;
  durationS: number;
  signal?: AbortSignal;
}

const REQUEST_TIMEOUT_MS = 15_000;
let serial = 50_000_000;

export async function runPacedLoad(options: PacedLoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(options.path, options.url);
  const total = Math.max(1, Math.round(options.ratePerSecond * options.durationS));
  const intervalMs = 1000 / options.ratePerSecond;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();

  const send = (dueAt: number) =>
    new Promise<void>((resolve) => {
      const body = conversionBody(options.format, ++serial);
      const request = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': CONTENT_TYPES[options.format], 'content-length': Buffer.byteLength(body) },
          timeout: REQUEST_TIMEOUT_MS,
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => {
            const code = response.statusCode ?? 0;
            statusCodes[code] = (statusCodes[code] ?? 0) + 1;
            if (code >= 200 && code < 300) latencies.push(performance.now() - dueAt);
            else non2xx++;
            const outcome = /"status":"([a-z-]+)"/.exec(text)?.[1] ?? 'other';
            outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
            resolve();
          });
        },
      );
      request.on('timeout', () => {
        timeouts++;
        request.destroy();
      });
      request.on('error', () => {
        errors++;
        resolve();
      });
      request.end(body);
    });

  for (let i = 0; i < total && !options.signal?.aborted; i++) {
    const dueAt = start + i * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(dueAt));
  }
  await Promise.all(pending);
  agent.destroy();
  const durationS = (performance.now() - start) / 1000;
  const sorted = sortedCopy(latencies);
  const p99Ms = percentileOfSorted(sorted, 99);
  return {
    durationS,
    okPerSecond: latencies.length / durationS,
    ok: latencies.length,
    p50Ms: percentileOfSorted(sorted, 50),
    p99Ms,
    maxMs: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : Number.NaN,
    correctedP99Ms: p99Ms,
    errors: errors - timeouts,
    timeouts,
    non2xx,
    statusCodes,
    outcomes,
  };
}
