// The development lane (`npm run test:quick`): everything but the browser, process, bench and fuzz
// suites, in workers that keep their loaded modules from one file to the next. Importing the app
// (Express, Socket.IO, zod schemas) anew for each of ~120 files cost more than the tests themselves;
// `npm test` stays fully isolated, so CI still catches a file that leaks state into the next.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/** Suites that start browsers, child processes, clusters or builds, or run for their bulk. */
const SLOW = [
  'test/browser/**',
  'test/production/**',
  'test/bench/**',
  'test/widget/bundle.test.ts',
  'test/scale/{faults,multi-node,redis-recovery}.test.ts',
  'test/realtime/preview-cluster.test.ts',
  'test/ingest/webhook-{durability,kill-nine,fuzz}.test.ts',
  'test/normalize/fuzz.test.ts',
];

/** Files that replace modules (vi.mock, vi.doMock) and so need a module graph of their own. */
const OWN_MODULES = ['test/ingest/decode-body.test.ts', 'test/ingest/parse-body-lazy-dependencies.test.ts'];

const { include, ...shared } = base.test ?? {};

export default defineConfig({
  test: {
    ...shared,
    projects: [
      { test: { ...shared, name: 'quick', include, exclude: [...SLOW, ...OWN_MODULES], isolate: false } },
      { test: { ...shared, name: 'quick-own-modules', include: OWN_MODULES } },
    ],
  },
});
