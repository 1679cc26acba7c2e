// How long a test waits on a condition: as long as the test itself may run (vitest.config.ts,
// testTimeout), so a loaded machine is never failed for being slow and only a real hang fails.
/** The test timeout of vitest.config.ts; vi.waitFor's `timeout` when no limit of its own is meant. */
export const TEST_TIMEOUT_MS = 30_000;
