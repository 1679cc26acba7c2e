// The uplift statistics against a worked example computed by hand (the same one docs/goals.md walks through).
import { describe, expect, test } from 'vitest';
import { compareProportions, normalCdf } from '../../server/goals/uplift.ts';

describe('uplift of exposed browsers over the control group', () => {
  test('a worked example: 30 of 200 exposed and 16 of 200 control browsers converted', () => {
    // By hand:
    //   p_exposed = 30 / 200 = 0.15           p_control = 16 / 200 = 0.08
    //   difference d = 0.15 − 0.08 = 0.07 (7 percentage points); relative = 0.07 / 0.08 = 0.875 (+87.5 %)
    //   unpooled SE = √(0.15·0.85/200 + 0.08·0.92/200) = √(0.0006375 + 0.000368) = √0.0010055 = 0.0317096
    //   95 % interval = 0.07 ± 1.96 · 0.0317096 = 0.07 ± 0.0621497 → [0.00785, 0.13215]
    //   pooled p = (30 + 16) / 400 = 0.115
    //   pooled SE = √(0.115 · 0.885 · (1/200 + 1/200)) = √0.00101775 = 0.0319022
    //   z = 0.07 / 0.0319022 = 2.1942;  two-sided p = 2 · (1 − Φ(2.1942)) = 2 · 0.01411 = 0.0282
    const result = compareProportions({ successes: 30, trials: 200 }, { successes: 16, trials: 200 });
    expect(result.verdict).toBe('higher');
    expect(result.exposedRate).toBe(0.15);
    expect(result.controlRate).toBe(0.08);
    expect(result.difference).toBeCloseTo(0.07, 10);
    expect(result.relative).toBeCloseTo(0.875, 10);
    expect(result.interval?.[0]).toBeCloseTo(0.00785, 4);
    expect(result.interval?.[1]).toBeCloseTo(0.13215, 4);
    expect(result.z).toBeCloseTo(2.1942, 3);
    expect(result.pValue).toBeCloseTo(0.0282, 3);
    expect(result.summary).toBe(
      'Exposed browsers convert more often than control: 15.0 % vs 8.0 %, a difference of 7.0 percentage points ' +
        '(95 % interval 0.8 percentage points to 13.2 percentage points).',
    );
  });

  test('an interval that includes 0 says there is no clear difference', () => {
    // 20/200 = 0.10 vs 16/200 = 0.08: d = 0.02, SE = √(0.1·0.9/200 + 0.08·0.92/200) = 0.02860, interval 0.02 ± 0.0561.
    const result = compareProportions({ successes: 20, trials: 200 }, { successes: 16, trials: 200 });
    expect(result.verdict).toBe('no-difference');
    expect(result.interval?.[0]).toBeCloseTo(-0.0361, 3);
    expect(result.interval?.[1]).toBeCloseTo(0.0761, 3);
    expect(result.summary).toMatch(/^No clear difference: exposed 10.0 % vs control 8.0 %/);
  });

  test('a lower exposed rate with an interval below 0 is called lower', () => {
    const result = compareProportions({ successes: 10, trials: 400 }, { successes: 40, trials: 400 });
    expect(result.verdict).toBe('lower');
    expect(result.summary).toMatch(/^Exposed browsers convert less often than control/);
  });

  test.each([
    [
      'fewer than 30 control visitors',
      { successes: 30, trials: 200 },
      { successes: 10, trials: 29 },
      'the control group has 29 visitors (30 needed)',
    ],
    [
      'fewer than 30 exposed visitors',
      { successes: 10, trials: 12 },
      { successes: 16, trials: 200 },
      'the exposed group has 12 visitors (30 needed)',
    ],
    [
      'n·p below 5',
      { successes: 4, trials: 200 },
      { successes: 16, trials: 200 },
      'the exposed group has 4 conversions (5 needed)',
    ],
    [
      'n·(1−p) below 5',
      { successes: 30, trials: 200 },
      { successes: 97, trials: 100 },
      'the control group has 3 visitors who did not convert (5 needed)',
    ],
  ])('%s is too small to tell', (_name, exposed, control, reason) => {
    const result = compareProportions(exposed, control);
    expect(result.verdict).toBe('too-small');
    expect(result.summary).toBe(`Too small to tell: ${reason}.`);
    expect(result.interval).toBeNull();
    expect(result.pValue).toBeNull();
  });

  test('empty groups are too small to tell and have no rate', () => {
    const result = compareProportions({ successes: 0, trials: 0 }, { successes: 0, trials: 0 });
    expect(result).toMatchObject({ verdict: 'too-small', exposedRate: null, controlRate: null, difference: null });
  });

  test('the normal CDF matches tabulated values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
    expect(normalCdf(2.5758)).toBeCloseTo(0.995, 5);
  });
});
