// Date cells in spreadsheet styles the webhook reader does not know, rewritten as ISO 8601.
import { describe, expect, test } from 'vitest';
import { createDateOrderSniffer, rewriteDate, withReadableDates } from '../../server/imports/cell-dates.ts';

describe('rewriteDate', () => {
  test.each([
    ['March 5, 2024', '2024-03-05'],
    ['Mar 5 2024', '2024-03-05'],
    ['Tuesday, March 5th, 2024', '2024-03-05'],
    ['Sept. 30, 2024 at 2:10 pm', '2024-09-30T14:10:00Z'],
    ['5 March 2024', '2024-03-05'],
    ['05 Mar 2024 14:10:05', '2024-03-05T14:10:05Z'],
    ['05.03.2024', '2024-03-05'],
    ['5.3.2024 9:05', '2024-03-05T09:05:00Z'],
  ])('%s → %s', (cell, iso) => {
    expect(rewriteDate(cell, 'month-first')).toBe(iso);
  });

  test.each([
    'June 31, 2024', // no such day
    '31.02.2024',
    'Marchpane 5, 2024',
    'March 5, 2024 13:00 PM',
    'Tue, 05 Mar 2024 14:10:00 +0100', // RFC 2822: the webhook reader's own, with its zone
    '2024-03-05',
    'Sneakers, size 5 2024',
  ])('%s is left to the normalizer', (cell) => {
    expect(rewriteDate(cell, 'month-first')).toBeUndefined();
  });

  test('slashed dates are rewritten only in a day-first file', () => {
    expect(rewriteDate('05/03/2024 14:10', 'month-first')).toBeUndefined();
    expect(rewriteDate('05/03/2024 14:10', 'day-first')).toBe('2024-03-05T14:10:00Z');
  });

  test('a row is copied only when a cell changes', () => {
    const row = { email: 'a@example.com', date: '2024-03-05' };
    expect(withReadableDates(row, 'month-first')).toBe(row);
    expect(withReadableDates({ ...row, date: 'March 5, 2024' }, 'month-first')).toEqual(row);
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
