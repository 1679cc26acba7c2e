// `npm run bench:senders`: what the sender profiles cost ingest, and whether recognising the sender is a
// lookup rather than a scan of every profile. One process, interleaved rounds, CPU time:
// 1. normalizing the sender corpus as the webhook route does, with (a) no sender index, (b) the index of
//    every profile, (c) that index among never-matching profiles;
// 2. the same for the requests no profile recognises (the long tail), (a) and (b);
// 3. recognition alone with (b) and (c);
// 4. for contrast, recognition alone with (b) and with every profile tried per request (a scan).
// Options: --rounds=N (default 15), --padding=N (default 1000). Method and results: docs/benchmarks.md.
import { normalizePayload } from '../server/normalize/normalize-payload.ts';
import { machineLine, readMachine } from './lib/machine.ts';
import {
  type InterleavedTiming,
  loadSenderCorpus,
  normalizeCorpus,
  passesFor,
  ratioOf,
  recognizeCorpus,
  type SenderVariants,
  senderVariants,
  timedWorkSink,
  timeInterleaved,
  type Variant,
} from './lib/sender-recognition.ts';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const rounds = Math.max(3, Number(option('rounds') ?? 15));
const padding = Math.max(1, Number(option('padding') ?? 1000));
/** CPU per variant and round: long enough for cpuUsage's resolution, short enough for ~30 s in all. */
const BUDGET_MS = { normalizing: 200, recognizing: 60 };

const corpus = await loadSenderCorpus();
const variants = senderVariants(padding);
const recognised = checkSameReading(variants);
const real = variants.normalizing[1]?.senders;
const longTail = corpus.filter((request) => !real?.recognize(request));

const machine = readMachine();
console.log(machineLine(machine));
console.log(`load average at start: ${machine.loadAverage.join(' ')}`);
console.log(
  `corpus: ${corpus.length} requests, ${recognised} of them recognised by a profile; ${rounds} interleaved rounds; CPU time\n`,
);

const normalizing = measure(variants.normalizing, (senders) => normalizeCorpus(corpus, senders), BUDGET_MS.normalizing);
const tailVariants = variants.normalizing.slice(0, 2);
const tail = measure(tailVariants, (senders) => normalizeCorpus(longTail, senders), BUDGET_MS.normalizing, longTail);
const indexed = variants.normalizing.slice(1);
const recognizing = measure(indexed, (senders) => recognize(senders), BUDGET_MS.recognizing);
const contrast = [indexed[0] as Variant, variants.scan];
const scanning = measure(contrast, (senders) => recognize(senders), BUDGET_MS.recognizing);

printTable('normalizing one request', variants.normalizing, normalizing, [undefined, 0, 1], 2);
printTable(`the ${longTail.length} requests no profile recognises`, tailVariants, tail, [undefined, 0], 2);
printTable('recognising the sender alone', indexed, recognizing, [undefined, 0], 3);
printTable('for contrast: a scan', contrast, scanning, [undefined, 0], 3);
if (timedWorkSink() === 0) throw new Error('no work was timed');

/** The padded index must read every request exactly as the real one: same profile, same fields. */
function checkSameReading({ normalizing: [, real, padded] }: SenderVariants): number {
  let count = 0;
  for (const request of corpus) {
    const options = { receivedAt: 0, headers: request.headers };
    const a = JSON.stringify(normalizePayload(request.body, { ...options, senders: real?.senders }));
    const b = JSON.stringify(normalizePayload(request.body, { ...options, senders: padded?.senders }));
    if (a !== b) throw new Error(`${request.name} reads differently among never-matching profiles`);
    if (real?.senders?.recognize(request)) count++;
  }
  return count;
}

function recognize(senders: Variant['senders']): void {
  if (senders) recognizeCorpus(corpus, senders);
}

/** Warms every variant up (V8 optimizes them all before anything is timed), then times them interleaved. */
function measure(
  list: Variant[],
  work: (senders: Variant['senders']) => void,
  budgetMs: number,
  requests = corpus,
): InterleavedTiming {
  for (let i = 0; i < 3; i++) for (const variant of list) work(variant.senders);
  const passes = list.map((variant) => passesFor(() => work(variant.senders), budgetMs));
  return timeInterleaved(list.length, (v) => work(list[v]?.senders), {
    rounds,
    passes,
    requestsPerPass: requests.length,
  });
}

function printTable(
  title: string,
  list: Variant[],
  timing: InterleavedTiming,
  references: (number | undefined)[],
  digits: number,
): void {
  const width = Math.max(46, ...list.map((v) => v.label.length));
  console.log(`${title.padEnd(width)}   µs/call   rounds (min–max)   ratio (median of rounds)`);
  list.forEach((variant, i) => {
    const rounds = timing.perRound[i] ?? [];
    const spread = `${Math.min(...rounds).toFixed(digits)}–${Math.max(...rounds).toFixed(digits)}`;
    const reference = references[i];
    const ratio =
      reference === undefined
        ? ''
        : `${ratioOf(timing, i, reference).toFixed(2)} × ${list[reference]?.label.slice(0, 3)}`;
    console.log(
      `${variant.label.padEnd(width)}   ${timing.medians[i]?.toFixed(digits).padStart(7)}   ${spread.padEnd(16)}   ${ratio}`,
    );
  });
  console.log('');
}
