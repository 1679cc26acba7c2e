// Dates as spreadsheets write them that webhook senders do not: "March 5, 2024", "5 Mar 2024
// 14:10", "05.03.2024", and "05/03/2024" in a file whose dates are day first. Such a cell is
// rewritten as ISO 8601 before the row is read, so the normalizer's own time reading (ISO, RFC
// 2822, US month-first, epoch) decides the rest. Times without a zone are UTC, as there.

/** How `05/03/2024` is read: month first (US exports, and the normalizer's default) or day first. */
export type DateOrder = 'month-first' | 'day-first';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_WORDS: ReadonlySet<string> = new Set(
  'january february march april may june july august september october november december'.split(' '),
);

// A time after the date: "14:10", "2:10 PM", "at 2:10:05 pm".
const TIME = String.raw`(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?)?`;
// An optional weekday first: "Tuesday, March 5, 2024".
const WEEKDAY = String.raw`(?:[A-Za-z]{3,9}\.?,?\s+)?`;
const MONTH_FIRST = new RegExp(
  String.raw`^${WEEKDAY}([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`,
);
const DAY_FIRST = new RegExp(
  String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})${TIME}$`,
);
// German, Swiss, Austrian, Russian… exports: the dots say day first.
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}$`);
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`);

function monthNumber(word: string): number | undefined {
  const lower = word.toLowerCase();
  const month = MONTHS[lower.slice(0, lower === 'sept' ? 4 : 3)];
  if (month === undefined) return undefined;
  // "Mar" and "March" are months; "Marchpane" is not.
  return lower.length <= 4 || MONTH_WORDS.has(lower) ? month : undefined;
}

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

/** The cell as ISO 8601 when it is a date in one of the styles above; undefined otherwise. */
export function rewriteDate(cell: string, order: DateOrder): string | undefined {
  if (cell.length > 64) return undefined;
  const text = cell.trim();
  let match = MONTH_FIRST.exec(text);
  if (match) {
    const month = monthNumber(match[1] as string);
    return month === undefined ? undefined : isoOf(Number(match[3]), month, Number(match[2]), match.slice(4));
  }
  match = DAY_FIRST.exec(text);
  if (match) {
    const month = monthNumber(match[2] as string);
    return month === undefined ? undefined : isoOf(Number(match[3]), month, Number(match[1]), match.slice(4));
  }
  match = DOTTED.exec(text);
  if (match) return isoOf(Number(match[3]), Number(match[2]), Number(match[1]), match.slice(4));
  match = order === 'day-first' ? SLASHED.exec(text) : null;
  if (match) return isoOf(Number(match[3]), Number(match[2]), Number(match[1]), match.slice(4));
  return undefined;
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
