// The rounds of `npm run bench:stages`: one realistic webhook (payloads.ts, JSON and its form
// twin) through each stage of the ingest path, each stage calling the real module, timed in CPU
// (process.cpuUsage: user + system, every thread of this process) per request. In every round, for
// each format: the stages in pipeline order (each stage's output is the next one's input, each
// stage in a loop over all of the round's requests), the whole ack through the real handler for
// each batch size, and the two references; the order of those blocks, of the formats and of the
// batch sizes rotates from round to round, and the first rounds only warm up.
import type { BodyFormat } from './payloads.ts';
import type { StageHarness } from './stage-harness.ts';
import { measureEndToEnd, measureReferences } from './stage-end-to-end.ts';
import { measureStages, rotated } from './stage-pipeline.ts';
import { perItem, type Record_, type StageSettings } from './stage-timing.ts';
import { median } from './stats.ts';

export { type StageSettings, stageWorkSink } from './stage-timing.ts';

/** Per format, per measurement key, µs of CPU per request in each measured round. */
export type StageSamples = Record<BodyFormat, Map<string, number[]>>;

export interface StageResults {
  samples: StageSamples;
  /** Per format, the median of each key's rounds. */
  medians: Record<BodyFormat, Map<string, number>>;
}

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
