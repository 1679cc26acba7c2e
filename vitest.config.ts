// Test runner settings (the widget build lives in vite.config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI: more workers only make process-spawning tests slower.
    maxWorkers: 2,
  },
});
