// The replay window for signed timestamps: Unix seconds, five minutes either side of our clock.
import { count, malformedHeader } from './reasons.ts';

/**
 * Five minutes, as Stripe's and the Standard Webhooks libraries default to. Two-sided: a timestamp far
 * in the future is as suspect as an old one (a captured request held back, or a sender's broken clock).
 */
export const SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

// Up to 11 digits (year 5138); 13 digits is almost always milliseconds, which no supported sender uses.
const UNIX_SECONDS = /^\d{1,11}$/;

/**
 * Why the timestamp text `value`, read from `header` (and its `field`, as in Stripe's `t=`), cannot be
 * a timestamp; undefined when it is Unix seconds.
 */
export function malformedTimestamp(value: string, header: string, field?: string): string | undefined {
  if (UNIX_SECONDS.test(value)) return undefined;
  const where = field === undefined ? '' : `${field}= `;
  if (/^\d{12,14}$/.test(value))
    return malformedHeader(header, `${where}looks like milliseconds; expected Unix seconds`);
  return malformedHeader(header, field === undefined ? 'expected Unix seconds' : `${field}= is not Unix seconds`);
}

/** Why Unix-seconds `value` is outside the window around `now` (epoch ms); undefined when inside. */
export function outsideTolerance(value: string, now: number): string | undefined {
  const skew = now - Number(value) * 1000;
  if (Math.abs(skew) <= SIGNATURE_TOLERANCE_MS) return undefined;
  const direction = skew > 0 ? 'in the past' : 'in the future';
  return `timestamp ${describeDuration(Math.abs(skew))} ${direction} (tolerance ${describeDuration(SIGNATURE_TOLERANCE_MS)})`;
}

/** The Unix-seconds timestamp a signer puts in its header at `now` (epoch ms). */
export function unixSeconds(now: number): string {
  return String(Math.floor(now / 1000));
}

/** "90 seconds", "5 minutes 30 seconds", "12 minutes", "3 hours", "20 days". */
export function describeDuration(ms: number): string {
  // Rounded up so that anything past the tolerance never reads as equal to it.
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return count(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10 && seconds % 60 !== 0) return `${count(minutes, 'minute')} ${count(seconds % 60, 'second')}`;
  if (minutes < 120) return count(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return count(hours, 'hour');
  return count(Math.floor(hours / 24), 'day');
}
