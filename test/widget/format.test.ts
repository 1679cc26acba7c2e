import { describe, expect, test } from 'vitest';
import { formatRelativeTime, initialOf } from '../../widget/src/format.ts';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const ago = (ms: number) => NOW - ms;

describe('formatRelativeTime', () => {
  test.each([
    [0, 'now'],
    [12_000, '12 seconds ago'],
    [3 * 60_000, '3 minutes ago'],
    [60 * 60_000, '1 hour ago'],
    [5 * 3600_000, '5 hours ago'],
    [24 * 3600_000, 'yesterday'],
    [3 * 86400_000, '3 days ago'],
    [14 * 86400_000, '2 weeks ago'],
    [400 * 86400_000, 'last year'],
  ])('in English, %i ms ago reads "%s"', (ms, expected) => {
    expect(formatRelativeTime(ago(ms), NOW, 'en')).toBe(expected);
  });

  test('follows the page language', () => {
    expect(formatRelativeTime(ago(3 * 60_000), NOW, 'de')).toBe('vor 3 Minuten');
    expect(formatRelativeTime(ago(2 * 3600_000), NOW, 'fr-FR')).toBe('il y a 2 heures');
  });

  test('reads a future timestamp (client clock behind) as now', () => {
    expect(formatRelativeTime(NOW + 90_000, NOW, 'en')).toBe('now');
  });

  test('falls back to English when <html lang> is not a valid language tag', () => {
    expect(formatRelativeTime(ago(3 * 60_000), NOW, 'en_US')).toBe('3 minutes ago');
  });
});

describe('initialOf', () => {
  test.each([
    ['maria', 'M'],
    ['  émile', 'É'],
    ['😀 Smiley', '😀'],
    ['', undefined],
    [undefined, undefined],
  ])('initial of %j is %j', (name, expected) => {
    expect(initialOf(name)).toBe(expected);
  });
});
