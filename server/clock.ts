// Time as a dependency, so tests can move it (dedupe windows, counters, retries over "minutes").
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
