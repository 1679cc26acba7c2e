// `npm run bench:stages` in a tiny mode: every stage runs on the real modules, every webhook it sends
// through the real handler is acknowledged as accepted and stored, every push reaches the widgets,
// and the table names each stage. Nothing here is timed against a limit: the numbers are the bench's.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type StageResults, type StageSettings, measureStageCosts } from '../../bench/lib/stage-costs.ts';
import { type StageHarness, createStageHarness } from '../../bench/lib/stage-harness.ts';
import { SUMMED_STAGES, stageTable } from '../../bench/lib/stage-table.ts';

const WIDGETS = 2;
const settings: StageSettings = {
  rounds: 1,
  warmupRounds: 0,
  items: 20,
  repeats: 1,
  batchSizes: [10, 1],
  widgetEmits: 2,
};

let harness: StageHarness;
let results: StageResults;

beforeAll(async () => {
  harness = await createStageHarness({ widgets: WIDGETS });
  results = await measureStageCosts(harness, settings);
});

afterAll(async () => {
  await harness?.close();
});

describe('the stage-cost bench, tiny', () => {
  test('measures every stage, the whole ack and the references for JSON and forms', () => {
    const keys = [
      ...SUMMED_STAGES.flatMap((line) =>
        line.key.includes('@B') ? settings.batchSizes.map((size) => line.key.replace('@B', `@${size}`)) : [line.key],
      ),
      ...settings.batchSizes.map((size) => `e2e@${size}`),
      'checkpoint',
      'savepoint',
      'interpret',
      'emitWidgets',
      'bareParse',
      'bareInsert',
    ];
    for (const format of ['json', 'form'] as const) {
      for (const key of keys) expect(Number.isFinite(results.medians[format].get(key)), `${format} ${key}`).toBe(true);
    }
  });

  test('stores every webhook it sends as an accepted delivery with its own conversion', () => {
    // Per format: the stages' requests, and for each batch size one untimed batch and the timed requests.
    const perFormat = settings.items + settings.batchSizes.reduce((sum, size) => sum + size + settings.items, 0);
    const count = (sql: string) => (harness.db.prepare(sql).pluck().get() as number) ?? 0;
    expect(count(`SELECT count(*) FROM delivery WHERE outcome = 'accepted'`)).toBe(2 * perFormat);
    expect(count('SELECT count(*) FROM delivery')).toBe(2 * perFormat);
    expect(count('SELECT count(DISTINCT delivery_id) FROM conversion')).toBe(2 * perFormat);
  });

  test('every push to the site with widgets reaches each of its widgets', async () => {
    const pushes = 2 * settings.rounds * settings.widgetEmits;
    await vi.waitFor(async () => expect(await harness.widgets?.received()).toBe(pushes * WIDGETS), {
      timeout: 20_000,
      interval: 100,
    });
  });

  test('prints a row for each stage with both formats, and the sum against the whole ack', () => {
    const table = stageTable(results, settings, WIDGETS).join('\n');
    for (const line of SUMMED_STAGES) expect(table).toContain(line.label.replaceAll(' B', ' 10'));
    expect(table).toContain('sum of the stages');
    expect(table).toContain('one ack through the real handler');
    expect(table).toContain(`emit to a site with ${WIDGETS} widgets`);
    expect(table).toMatch(/bare one-row INSERT per request/);
  });
});
