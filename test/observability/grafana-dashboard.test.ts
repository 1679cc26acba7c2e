// deploy/grafana-dashboard.json asks only for metrics that /metrics exposes, under the same names,
// so renaming a metric without the dashboard (or the other way round) fails here.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { type ObservedApp, createObservedApp } from './observed-app.ts';

const DASHBOARD = path.resolve(import.meta.dirname, '../../deploy/grafana-dashboard.json');

interface Panel {
  type: string;
  title: string;
  targets?: Array<{ expr: string }>;
}

/** Histograms are queried through their _bucket, _sum and _count series. */
/** Grafana's reference to the dashboard's data source variable (a literal `${…}`, not a JS template). */
const DATASOURCE_VARIABLE = ['$', '{datasource}'].join('');

const familyOf = (series: string) => series.replace(/_(bucket|sum|count)$/, '');

let t: ObservedApp;
afterEach(async () => {
  await t.close();
});

describe('the Grafana dashboard', () => {
  test('every metric its panels query is one /metrics exposes', async () => {
    const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[] };
    const queried = new Set(
      dashboard.panels
        .flatMap((panel) => panel.targets ?? [])
        .flatMap((target) => target.expr.match(/\b(proofhook|nodejs|process)_[a-z0-9_]+/g) ?? [])
        .map(familyOf),
    );
    t = createObservedApp();
    const { text } = await t.scrape().expect(200);
    const exposed = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]));

    expect([...queried].filter((name) => !exposed.has(name))).toEqual([]);
    // Every metric of Proofhook's own has a panel.
    expect([...exposed].filter((name) => name?.startsWith('proofhook_') && !queried.has(name))).toEqual([]);
  });

  test('each panel reads from the dashboard’s Prometheus data source', () => {
    const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as {
      panels: Array<Panel & { datasource?: { uid: string } }>;
    };
    const graphs = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(graphs.length).toBeGreaterThan(0);
    for (const panel of graphs) expect(panel.datasource?.uid, panel.title).toBe(DATASOURCE_VARIABLE);
  });
});
