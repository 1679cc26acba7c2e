// Test runner settings (the widget build lives in vite.config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI: more workers only make process-spawning tests slower.
    maxWorkers: 2,
    // The fuzz test checks that memory returns to its baseline, which needs a real garbage collection.
    execArgv: ['--expose-gc'],
  },
});
