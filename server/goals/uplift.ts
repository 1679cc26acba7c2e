// Two-proportion comparison of a goal's conversion rate, exposed browsers against the control group:
// the difference of proportions with a 95 % confidence interval from the unpooled standard error, and
// a z test with the pooled one (the textbook large-sample procedure; see e.g. NIST/SEMATECH
// e-Handbook of Statistical Methods, 7.3.3 "How can we determine whether two processes produce the
// same proportion of defectives?"). Pure functions: the numbers in, the verdict out.
import type { Uplift, UpliftVerdict } from '../../shared/goals.ts';

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;
/** Below this many visitors in a group the normal approximation is not trusted at all. */
export const MIN_VISITORS = 30;
/** The usual rule for the normal approximation: n·p and n·(1−p) at least 5 in each group. */
export const MIN_EXPECTED = 5;

export interface Proportion {
  /** Browsers that reached the goal (converters). */
  successes: number;
  /** Browsers counted in the group (visitors). */
  trials: number;
}

export type { Uplift, UpliftVerdict } from '../../shared/goals.ts';

/**
 * Standard normal CDF through erf, Abramowitz & Stegun formula 7.1.26 (absolute error below 1.5e-7),
 * plenty for a p-value shown with three decimals.
 */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

const rate = (p: Proportion) => (p.trials > 0 ? Math.min(1, p.successes / p.trials) : null);

/** Why the normal approximation does not hold for this group, or undefined when it does. */
function tooSmall(name: string, group: Proportion): string | undefined {
  if (group.trials < MIN_VISITORS) {
    return `the ${name} group has ${group.trials} visitor${group.trials === 1 ? '' : 's'} (${MIN_VISITORS} needed)`;
  }
  const successes = Math.min(group.successes, group.trials);
  if (successes < MIN_EXPECTED) return `the ${name} group has ${successes} conversions (${MIN_EXPECTED} needed)`;
  if (group.trials - successes < MIN_EXPECTED) {
    return `the ${name} group has ${group.trials - successes} visitors who did not convert (${MIN_EXPECTED} needed)`;
  }
  return undefined;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const points = (x: number) => `${(x * 100).toFixed(1)} percentage points`;

export function compareProportions(exposed: Proportion, control: Proportion): Uplift {
  const exposedRate = rate(exposed);
  const controlRate = rate(control);
  const reason = tooSmall('exposed', exposed) ?? tooSmall('control', control);
  if (reason || exposedRate === null || controlRate === null) {
    return {
      verdict: 'too-small',
      summary: `Too small to tell: ${reason ?? 'a group has no visitors'}.`,
      exposedRate,
      controlRate,
      difference: exposedRate !== null && controlRate !== null ? exposedRate - controlRate : null,
      relative: null,
      interval: null,
      z: null,
      pValue: null,
    };
  }
  const difference = exposedRate - controlRate;
  const unpooled = Math.sqrt(
    (exposedRate * (1 - exposedRate)) / exposed.trials + (controlRate * (1 - controlRate)) / control.trials,
  );
  const interval: [number, number] = [difference - Z_95 * unpooled, difference + Z_95 * unpooled];
  const pooledRate = (exposedRate * exposed.trials + controlRate * control.trials) / (exposed.trials + control.trials);
  const pooled = Math.sqrt(pooledRate * (1 - pooledRate) * (1 / exposed.trials + 1 / control.trials));
  const z = pooled > 0 ? difference / pooled : 0;
  const pValue = 2 * (1 - normalCdf(Math.abs(z)));
  const verdict: UpliftVerdict = interval[0] > 0 ? 'higher' : interval[1] < 0 ? 'lower' : 'no-difference';
  const range = `${points(interval[0])} to ${points(interval[1])}`;
  const summary =
    verdict === 'no-difference'
      ? `No clear difference: exposed ${pct(exposedRate)} vs control ${pct(controlRate)}, 95 % interval ${range} (includes 0).`
      : `Exposed browsers convert ${verdict === 'higher' ? 'more' : 'less'} often than control: ${pct(exposedRate)} vs ${pct(controlRate)}, a difference of ${points(difference)} (95 % interval ${range}).`;
  return {
    verdict,
    summary,
    exposedRate,
    controlRate,
    difference,
    relative: controlRate > 0 ? difference / controlRate : null,
    interval,
    z,
    pValue,
  };
}
