// What `npm run bench:senders` and its CI guard time: the sender corpus as the webhook route sees it
// (parsed bodies with their headers), four ways of recognising the sender, and interleaved CPU timing.
import { readdirSync, readFileSync } from 'node:fs';
import { readPayload } from '../../server/ingest/interpret-delivery.ts';
import { normalizePayload } from '../../server/normalize/normalize-payload.ts';
import { ALL_SENDER_PROFILES } from '../../server/senders/all-profiles.ts';
import { createSenderIndex, type SenderIndex } from '../../server/senders/sender-index.ts';
import type { SenderProfile, SenderRequest } from '../../server/senders/sender-profile.ts';
import { encodeFixtureBody, loadSenderFixtures } from '../../test/senders/sender-fixture.ts';
import { median } from './stats.ts';

export interface CorpusRequest {
  name: string;
  headers: Readonly<Record<string, string>>;
  body: unknown;
}

/** Headers every request carries behind a proxy, whoever sent it: recognition looks each one up too. */
const TRANSPORT_HEADERS: Readonly<Record<string, string>> = {
  host: 'proof.example.com',
  'content-length': '1024',
  'accept-encoding': 'gzip',
  'x-forwarded-for': '203.0.113.7',
  'x-forwarded-proto': 'https',
  'x-real-ip': '203.0.113.7',
};

/**
 * Every sender fixture (test/fixtures/senders: its headers, its body encoded as the sender sends it
 * and parsed as the route parses it) and every detection fixture (test/fixtures/payloads, JSON, no
 * sender headers).
 */
export async function loadSenderCorpus(): Promise<CorpusRequest[]> {
  const corpus: CorpusRequest[] = [];
  for (const { file, fixture } of loadSenderFixtures()) {
    const headers = { ...TRANSPORT_HEADERS, ...fixture.request.headers };
    const body = await readPayload({ headers, query: null, body: Buffer.from(encodeFixtureBody(fixture)) });
    corpus.push({ name: file, headers, body });
  }
  const dir = new URL('../../test/fixtures/payloads/', import.meta.url);
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const body = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as unknown;
    corpus.push({
      name: file,
      headers: { ...TRANSPORT_HEADERS, 'content-type': 'application/json', 'user-agent': 'curl/8.5.0' },
      body,
    });
  }
  return corpus;
}

/**
 * `count` profiles that never match, each with its own header, body key and User-Agent word, so the
 * index holds `count` more entries in each of its maps. A scan would call every `matches`; the index
 * never calls one whose key the request does not carry.
 */
export function syntheticProfiles(count: number): SenderProfile[] {
  return Array.from({ length: count }, (_, i) => {
    const marker = `synthetic_sender_${i}`;
    return {
      id: `synthetic-${i}`,
      name: `Synthetic sender ${i}`,
      docs: `https://example.com/synthetic/${i}`,
      headers: [`x-synthetic-${i}-signature`],
      bodyKeys: [marker],
      userAgents: [`synthetic${i}`],
      matches: ({ body }: SenderRequest) =>
        body !== null && typeof body === 'object' && (body as Record<string, unknown>)[marker] === true,
      read: () => ({ fields: {}, sources: {} }),
    };
  });
}

/**
 * For contrast: the same answers as `index`, plus a call to every profile's `matches` per request,
 * which is what recognising by trying each profile in turn would cost at most.
 */
export function scanningIndex(index: SenderIndex): SenderIndex {
  return {
    profiles: index.profiles,
    recognize(request) {
      let matched = 0;
      for (const profile of index.profiles) {
        try {
          if (profile.matches(request)) matched++;
        } catch {
          // A profile that throws on another sender's body only costs its time here.
        }
      }
      scanSink += matched;
      return index.recognize(request);
    },
  };
}
let scanSink = 0;

export interface Variant {
  label: string;
  senders: SenderIndex | undefined;
}

export interface SenderVariants {
  /** (a) detection alone, (b) every profile, (c) (b) among `padding` profiles that never match. */
  normalizing: Variant[];
  /** (d) for contrast: (c) with every profile's `matches` called per request, as a scan would. */
  scan: Variant;
}

export function senderVariants(padding: number): SenderVariants {
  const real = createSenderIndex(ALL_SENDER_PROFILES);
  const padded = createSenderIndex([...syntheticProfiles(padding), ...ALL_SENDER_PROFILES]);
  return {
    normalizing: [
      { label: '(a) no sender index (detection alone)', senders: undefined },
      { label: `(b) index of the ${ALL_SENDER_PROFILES.length} profiles`, senders: real },
      { label: `(c) (b) + ${padding.toLocaleString('en')} never-matching profiles`, senders: padded },
    ],
    scan: { label: '(d) (c) with every profile tried (a scan)', senders: scanningIndex(padded) },
  };
}

const RECEIVED_AT = Date.UTC(2026, 10, 23, 12, 0, 0);
const lookupIp = () => ({ city: 'Miami', countryCode: 'US', stateCode: 'FL' });
let sink = 0;

/** One pass of normalizing the whole corpus as the route does, with `senders` as its index. */
export function normalizeCorpus(corpus: readonly CorpusRequest[], senders: SenderIndex | undefined): void {
  for (const request of corpus) {
    const result = normalizePayload(request.body, {
      receivedAt: RECEIVED_AT,
      lookupIp,
      headers: request.headers,
      senders,
    });
    sink += result.conversion.products.length;
  }
}

/** One pass of recognition alone over the corpus. */
export function recognizeCorpus(corpus: readonly CorpusRequest[], senders: SenderIndex): void {
  for (const request of corpus) if (senders.recognize(request)) sink++;
}

/** Keeps the timed work observable, so none of it can be optimized away. */
export function timedWorkSink(): number {
  return sink + scanSink;
}

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

export interface InterleavedTiming {
  /** Per variant, µs of CPU per request in each round. */
  perRound: number[][];
  /** Per variant, the median of its rounds. */
  medians: number[];
}

/**
 * Times `work(variant)` for every variant in each round, the starting variant rotating from round
 * to round, so that a busy moment of the machine is shared by all; CPU time, not wall time.
 */
export function timeInterleaved(
  variantCount: number,
  work: (variant: number) => void,
  options: { rounds: number; passes: number | readonly number[]; requestsPerPass: number },
): InterleavedTiming {
  const passesOf = (variant: number) =>
    typeof options.passes === 'number' ? options.passes : (options.passes[variant] ?? 1);
  const perRound: number[][] = Array.from({ length: variantCount }, () => []);
  for (let round = 0; round < options.rounds; round++) {
    for (let step = 0; step < variantCount; step++) {
      const variant = (round + step) % variantCount;
      const start = cpuMicros();
      const passes = passesOf(variant);
      for (let pass = 0; pass < passes; pass++) work(variant);
      const used = cpuMicros() - start;
      perRound[variant]?.push(used / (passes * options.requestsPerPass));
    }
  }
  return { perRound, medians: perRound.map((rounds) => median(rounds)) };
}

/** Passes of `work` that take about `budgetMs` of CPU (at least one), from running it for a tenth of that. */
export function passesFor(work: () => void, budgetMs: number): number {
  const start = cpuMicros();
  let passes = 0;
  do {
    work();
    passes++;
  } while (cpuMicros() - start < budgetMs * 100);
  const perPass = (cpuMicros() - start) / passes;
  return Math.max(1, Math.round((budgetMs * 1000) / perPass));
}

/** The median over rounds of the per-round ratio `subject / reference`. */
export function ratioOf(timing: InterleavedTiming, subject: number, reference: number): number {
  const subjects = timing.perRound[subject] ?? [];
  const references = timing.perRound[reference] ?? [];
  return median(subjects.map((value, round) => value / (references[round] ?? Number.NaN)));
}
