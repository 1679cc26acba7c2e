// WORKERS: a number starts that many processes; `auto` one per core the machine gives this process.
import os from 'node:os';
import { describe, expect, test } from 'vitest';
import { workerCount } from '../../server/cluster/start-workers.ts';

describe('WORKERS', () => {
  test('auto is one process per available core; a number is taken as it is', () => {
    expect(workerCount('auto')).toBe(os.availableParallelism());
    expect(workerCount(3)).toBe(3);
    expect(workerCount(1)).toBe(1);
  });
});
