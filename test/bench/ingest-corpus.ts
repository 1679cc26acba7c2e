// The regression guard's fixed corpus: 50 webhook bodies as senders send them (bytes + Content-Type).
// The 14 sender fixtures as JSON and as bracket-nested forms, and 22 bench conversions (JSON and form).
import { readdirSync, readFileSync } from 'node:fs';
import qs from 'qs';
import { conversionBody } from '../../bench/lib/payloads.ts';

export interface CorpusBody {
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** Fixed, so the corpus is byte-identical on every run. */
const BENCH_TIMESTAMP_MS = Date.UTC(2026, 0, 15, 12, 0, 0);
const BENCH_BODIES_PER_FORMAT = 11;

export function loadIngestCorpus(): CorpusBody[] {
  const dir = new URL('../fixtures/payloads/', import.meta.url);
  const fixtures = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, value: JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as unknown }));
  const corpus: CorpusBody[] = [];
  for (const { name, value } of fixtures) {
    corpus.push({ name, contentType: 'application/json', bytes: Buffer.from(JSON.stringify(value)) });
    corpus.push({
      name: `${name} as form`,
      contentType: 'application/x-www-form-urlencoded',
      bytes: Buffer.from(qs.stringify(value)),
    });
  }
  for (let i = 1; i <= BENCH_BODIES_PER_FORMAT; i++) {
    for (const format of ['json', 'form'] as const) {
      corpus.push({
        name: `bench conversion ${i} (${format})`,
        contentType: format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
        bytes: Buffer.from(conversionBody(format, i, BENCH_TIMESTAMP_MS)),
      });
    }
  }
  return corpus;
}
