// A spreadsheet's slashed dates are ambiguous: "05/03/2024" is 5 March in a European export and
// May 3 in a US one. The normalizer reads them month first, as US senders write them; a file whose
// dates are day first (see createDateOrderSniffer) has them rewritten as ISO 8601 before its rows are
// read. Every other date style (named months, dotted day-first dates, ISO, RFC 2822, epoch) is the
// normalizer's own. Times without a zone are UTC, as there.

import type { DateOrder } from '../../shared/imports.ts';

export type { DateOrder };

// "05/03/2024", "5/3/2024 14:10", "05/03/2024 2:10:05 pm".
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?)?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoOf(year: number, month: number, day: number, time: (string | undefined)[]): string | undefined {
  const [h, mi, s, meridiem] = time;
  let hour = h === undefined ? 0 : Number(h);
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem.toLowerCase().startsWith('p') ? 12 : 0);
  }
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 31 June into July and 25:00 into tomorrow: such a cell is not a date.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const clock = h === undefined ? '' : `T${pad(hour)}:${pad(minute)}:${pad(second)}Z`;
  return `${year}-${pad(month)}-${pad(day)}${clock}`;
}

/** A day-first file's slashed date as ISO 8601; undefined for any other cell or a month-first file. */
export function rewriteDate(cell: string, order: DateOrder): string | undefined {
  if (order !== 'day-first' || cell.length > 64) return undefined;
  const match = SLASHED.exec(cell.trim());
  return match ? isoOf(Number(match[3]), Number(match[2]), Number(match[1]), match.slice(4)) : undefined;
}

/** A copy of the row with its date cells rewritten; the row itself when none needed it. */
export function withReadableDates(values: Record<string, string>, order: DateOrder): Record<string, string> {
  let copy: Record<string, string> | undefined;
  for (const [column, cell] of Object.entries(values)) {
    const iso = rewriteDate(cell, order);
    if (iso === undefined) continue;
    copy ??= Object.fromEntries(Object.entries(values));
    copy[column] = iso;
  }
  return copy ?? values;
}

/**
 * Reads a file's slashed dates as a whole: a first number over 12 (`25/03/2024`) and never a
 * second one over 12 means the file writes day first. Otherwise month first, as the normalizer does.
 */
export function createDateOrderSniffer() {
  let dayFirstSeen = false;
  let monthFirstSeen = false;
  return {
    see(values: Record<string, string>) {
      for (const cell of Object.values(values)) {
        const match = /^\s*(\d{1,2})\/(\d{1,2})\/\d{4}\b/.exec(cell);
        if (!match) continue;
        if (Number(match[1]) > 12) dayFirstSeen = true;
        if (Number(match[2]) > 12) monthFirstSeen = true;
      }
    },
    order(): DateOrder {
      return dayFirstSeen && !monthFirstSeen ? 'day-first' : 'month-first';
    },
  };
}
