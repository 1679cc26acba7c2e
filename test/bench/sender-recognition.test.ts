// CI guard for sender recognition: finding a request's sender profile must stay a lookup (its cost must
// not grow with the number of profiles), and a request no profile recognises must cost about what
// detection alone costs. Same method as ingest-regression.test.ts: CPU time (process.cpuUsage),
// interleaved rounds, the median of the per-round ratios, generous bounds, no wall-clock limit.
// `npm run bench:senders` is the measurement (docs/benchmarks.md); this only catches big steps backwards.
import { describe, expect, test } from 'vitest';
import {
  type InterleavedTiming,
  loadSenderCorpus,
  normalizeCorpus,
  passesFor,
  ratioOf,
  recognizeCorpus,
  senderVariants,
  timedWorkSink,
  timeInterleaved,
} from '../../bench/lib/sender-recognition.ts';

const ROUNDS = 9;
const PADDING = 1000;
const report = process.env.PROOFHOOK_GUARD_REPORT === '1';
const corpus = await loadSenderCorpus();
const { normalizing } = senderVariants(PADDING);
const [detectionAlone, real, padded] = normalizing;

/** Warmed (V8 optimizes both sides first), then each side timed for ~budgetMs of CPU per round, the two interleaved. */
function timePair(work: [() => void, () => void], budgetMs: number, requests: number): InterleavedTiming {
  for (let i = 0; i < 3; i++) for (const side of work) passesFor(side, budgetMs);
  const passes = work.map((side) => passesFor(side, budgetMs));
  return timeInterleaved(2, (side) => work[side]?.(), { rounds: ROUNDS, passes, requestsPerPass: requests });
}

describe('sender recognition guard', () => {
  test('recognising the sender among 1,000 more never-matching profiles costs under 3× what it costs among the real ones', () => {
    const senders = [real?.senders, padded?.senders];
    const timing = timePair(
      [() => recognizeCorpus(corpus, senders[0]!), () => recognizeCorpus(corpus, senders[1]!)],
      40,
      corpus.length,
    );
    const ratio = ratioOf(timing, 1, 0);
    if (report) console.info('recognition, padded / real', ratio, timing.medians);
    expect(timedWorkSink()).toBeGreaterThan(0);
    // Reference machine (Intel Xeon, 2 cores, Node 20.20): 0.97–1.27 (~1 µs per request). Trying
    // every profile in turn instead of looking the request's keys up gives ~140×.
    expect(ratio, `recognition among ${PADDING} more profiles is ${ratio.toFixed(2)}× slower`).toBeLessThan(3);
  });

  test('a request no profile recognises normalizes within 2× of detection alone', () => {
    const longTail = corpus.filter((request) => !real?.senders?.recognize(request));
    expect(longTail.length).toBeGreaterThan(5);
    const timing = timePair(
      [() => normalizeCorpus(longTail, detectionAlone?.senders), () => normalizeCorpus(longTail, real?.senders)],
      120,
      longTail.length,
    );
    const ratio = ratioOf(timing, 1, 0);
    if (report) console.info('long tail, with profiles / detection alone', ratio, timing.medians);
    // Reference machine: 1.06–1.07 under tsx (~21 µs per request, ~1–2 µs of it the lookup); under
    // vitest, whose module transform makes both sides slower, 1.02–1.55 with other tests running.
    // Trying 1,000 profiles per request would be ~8×.
    expect(ratio, `the long tail normalizes ${ratio.toFixed(2)}× slower with the profiles`).toBeLessThan(2);
  });
});
