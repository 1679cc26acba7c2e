// `npm run bench:stages`: where an ack's CPU goes. One realistic webhook (bench/lib/payloads.ts, JSON
// and its form-encoded twin) through each stage of the real ingest path in this process, µs of CPU
// per stage (median of interleaved rounds), the sum against one whole ack through the real handler,
// and the bare references of the ingest figure measured the same way. Method: bench/lib/stage-costs.ts.
// Options: --rounds=N (default 15), --items=N (requests per format and round, default 300, a
// multiple of 150: the writes are split over batches of 10, 50 and 1),
// --widgets=N (widgets of a second site, in a child process, default 100; 0 for none).
// Results: docs/benchmarks.md, "Where an ack's CPU goes".
import { machineLine, readMachine } from './lib/machine.ts';
import { measureStageCosts, stageWorkSink } from './lib/stage-costs.ts';
import { createStageHarness } from './lib/stage-harness.ts';
import { STAGE_NOTES, stageTable } from './lib/stage-table.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const value = args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return value === undefined ? fallback : Number(value);
};
const settings = {
  rounds: Math.max(1, option('rounds', 15)),
  warmupRounds: 2,
  items: option('items', 300),
  repeats: 5,
  batchSizes: [10, 50, 1],
  widgetEmits: 10,
};
const widgets = Math.max(0, option('widgets', 100));

const machine = readMachine();
console.log(machineLine(machine));
console.log(`load average at start: ${machine.loadAverage.join(' ')}`);
const started = Date.now();
const harness = await createStageHarness({ widgets });
try {
  console.log(
    `${settings.rounds} rounds (+${settings.warmupRounds} warm-up) of ${settings.items} requests per format; CPU time, medians\n`,
  );
  const progress = (round: number) => {
    if (process.stderr.isTTY) process.stderr.write(`  round ${round} of ${settings.rounds}\r`);
  };
  const results = await measureStageCosts(harness, settings, progress);
  if (harness.widgets && (await harness.widgets.received()) === 0) throw new Error('no widget received a push');
  if (stageWorkSink() === 0) throw new Error('no work was timed');
  for (const line of stageTable(results, settings, widgets)) console.log(line);
  console.log('');
  for (const line of STAGE_NOTES) console.log(line);
  console.log(`\ntook ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await harness.close();
}
