// Times normalizePayload on the Proofhook conversion format's sample and on the fixture corpus (µs per call, warmed).
//
//   npx tsx bench/normalize-profile.ts            sample + per-fixture table + corpus median
//   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/p bench/normalize-profile.ts --profile
//                                                  a long loop over everything, for a CPU profile
import { readdirSync, readFileSync } from 'node:fs';
import { normalizePayload } from '../server/normalize/normalize-payload.ts';
import { conversionFormat as conversionFormatSample } from '../test/normalize/payload-builders.ts';

// The Proofhook conversion format's sample with its products line (the builder the normalizer tests use).
const SAMPLE = conversionFormatSample({
  products: [
    {
      name: 'T-Shirt',
      link: 'https://mystore.com/t-shirt',
      id: 123,
      image: 'https://mystore.com/images/t-shirt.png',
      price: 55,
      quantity: 2,
    },
  ],
});
const RECEIVED_AT = Date.UTC(2024, 5, 1);
const lookupIp = () => ({ city: 'Miami', countryCode: 'US', stateCode: 'FL' });

const fixtureDir = new URL('../test/fixtures/payloads/', import.meta.url);
const fixtures = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name, payload: JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8')) as unknown }));

function run(payload: unknown): unknown {
  return normalizePayload(payload, { receivedAt: RECEIVED_AT, lookupIp });
}

/** Median of several timed rounds, µs per call. */
function timeIt(payload: unknown, calls = 3_000, rounds = 7): number {
  for (let i = 0; i < calls; i++) run(payload);
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) run(payload);
    const used = process.cpuUsage(start);
    perRound.push((used.user + used.system) / calls);
  }
  return median(perRound);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

if (process.argv.includes('--profile')) {
  const all = [SAMPLE, ...fixtures.map((fixture) => fixture.payload)];
  const end = Date.now() + 10_000;
  while (Date.now() < end) for (const payload of all) run(payload);
} else {
  const rows: [string, number][] = [['conversion format sample', timeIt(SAMPLE)]];
  for (const { name, payload } of fixtures) rows.push([name, timeIt(payload)]);
  const corpus = median(rows.slice(1).map(([, us]) => us));
  for (const [name, us] of rows) console.log(`${name.padEnd(42)} ${us.toFixed(1).padStart(7)} µs`);
  console.log(`${'fixture corpus median'.padEnd(42)} ${corpus.toFixed(1).padStart(7)} µs`);
}
