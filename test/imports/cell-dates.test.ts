// Date cells of spreadsheets: day-first slashed dates rewritten, every other style the normalizer's own.
import { describe, expect, test } from 'vitest';
import { createDateOrderSniffer, rewriteDate, withReadableDates } from '../../server/imports/cell-dates.ts';
import { parseTime } from '../../server/normalize/parse-time.ts';

describe('rewriteDate', () => {
  test('slashed dates are rewritten only in a day-first file', () => {
    expect(rewriteDate('05/03/2024 14:10', 'month-first')).toBeUndefined();
    expect(rewriteDate('05/03/2024 14:10', 'day-first')).toBe('2024-03-05T14:10:00Z');
    expect(rewriteDate('5/3/2024 2:10:05 pm', 'day-first')).toBe('2024-03-05T14:10:05Z');
    expect(rewriteDate('25/12/2024', 'day-first')).toBe('2024-12-25');
  });

  test.each(['31/06/2024', '05/13/2024', '05/03/2024 13:00 PM', 'March 5, 2024', '2024-03-05'])(
    '%s is left to the normalizer',
    (cell) => {
      expect(rewriteDate(cell, 'day-first')).toBeUndefined();
    },
  );

  test('a row is copied only when a cell changes', () => {
    const row = { email: 'a@example.com', date: '2024-03-05' };
    expect(withReadableDates(row, 'day-first')).toBe(row);
    expect(withReadableDates({ ...row, date: '05/03/2024' }, 'day-first')).toEqual(row);
  });
});

describe('spreadsheet date styles the normalizer reads itself', () => {
  test.each([
    ['March 5, 2024', Date.UTC(2024, 2, 5)],
    ['Tuesday, March 5th, 2024', Date.UTC(2024, 2, 5)],
    ['05 Mar 2024 14:10:05', Date.UTC(2024, 2, 5, 14, 10, 5)],
    ['05.03.2024', Date.UTC(2024, 2, 5)],
    ['5.3.2024 9:05', Date.UTC(2024, 2, 5, 9, 5)],
  ])('%s', (cell, ms) => {
    expect(parseTime(cell)).toBe(ms);
  });
});

describe('date order of a file', () => {
  test('a first number over 12 and never a second one means day first', () => {
    const sniffer = createDateOrderSniffer();
    sniffer.see({ d: '05/03/2024' });
    expect(sniffer.order()).toBe('month-first');
    sniffer.see({ d: '25/03/2024' });
    expect(sniffer.order()).toBe('day-first');
    sniffer.see({ d: '03/25/2024' });
    expect(sniffer.order()).toBe('month-first'); // both conventions: left to the normalizer's default
  });
});
