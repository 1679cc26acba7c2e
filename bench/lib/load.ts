// HTTP load with autocannon, in the runner's process (the server under test is a child process).
// Each request carries a new body; latencies are recorded as floats from autocannon's `response`
// events (its own histogram has 1 ms resolution), and each reply's `status` field is tallied.
import autocannon, { type AutocannonResult } from 'autocannon';
import { type BodyFormat, CONTENT_TYPES, conversionBody } from './payloads.ts';
import { percentileOfSorted, sortedCopy } from './stats.ts';

export interface LoadOptions {
  url: string;
  path: string;
  format: BodyFormat;
  connections: number;
  durationS: number;
  /** Requests per second over all connections; unset means as fast as the server answers. */
  overallRate?: number;
}

export interface LoadResult {
  durationS: number;
  /** 2xx answers per second. */
  okPerSecond: number;
  ok: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** autocannon's p99 with coordinated-omission correction when a rate is set (1 ms resolution). */
  correctedP99Ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** The `status` field of the replies: accepted, duplicate, ignored… */
  outcomes: Record<string, number>;
}

let serial = 0;

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationS,
        overallRate: options.overallRate,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: options.path,
            headers: { 'content-type': CONTENT_TYPES[options.format] },
            setupRequest: (request) => ({ ...request, body: conversionBody(options.format, ++serial) }),
            onResponse: (_status, body) => {
              const outcome = /"status":"([a-z-]+)"/.exec(body)?.[1] ?? 'other';
              outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
            },
          },
        ],
      },
      (error: Error | null, result: AutocannonResult) => {
        if (error) {
          reject(error);
          return;
        }
        const sorted = sortedCopy(latencies);
        const statusCodes: Record<string, number> = {};
        for (const [code, { count }] of Object.entries(result.statusCodeStats)) statusCodes[code] = count;
        resolve({
          durationS: result.duration,
          okPerSecond: result['2xx'] / result.duration,
          ok: result['2xx'],
          p50Ms: percentileOfSorted(sorted, 50),
          p99Ms: percentileOfSorted(sorted, 99),
          maxMs: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : Number.NaN,
          correctedP99Ms: result.latency.p99,
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          statusCodes,
          outcomes,
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTimeMs);
    });
  });
}
