// What every block of `npm run bench:stages` shares: its settings, CPU time per item
// (process.cpuUsage: user + system, every thread of this process), and a sink for pure work's results.
import type { BodyFormat } from './payloads.ts';
import type { StageHarness } from './stage-harness.ts';

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

export type Record_ = (key: string, microsPerItem: number) => void;

export const cpuMicros = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

/** CPU per item of `work`, which handles `count` items. */
export async function perItem(count: number, work: () => Promise<void> | void): Promise<number> {
  const start = cpuMicros();
  await work();
  return (cpuMicros() - start) / count;
}

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

let sink = 0;
/** Keeps the results of timed pure work observable, so none of it can be optimized away. */
export const stageWorkSink = () => sink;
export const keep = (value: number) => {
  sink += value;
};

export function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`bench:stages: ${what}`);
}

/** One block of a round: records its measurements and returns the deliveries it wrote. */
export type Block = (
  h: StageHarness,
  format: BodyFormat,
  s: StageSettings,
  record: Record_,
  round: number,
) => Promise<number>;
