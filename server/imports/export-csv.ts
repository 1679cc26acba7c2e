// A stored conversion as a CSV line: the fields the admin API shows, in its order, times in ISO
// 8601, and every text cell safe to open in a spreadsheet.
import { CONVERSION_FIELDS } from '../../shared/conversion-fields.ts';
import type { Conversion } from '../conversions/conversion.types.ts';

export const EXPORT_COLUMNS = [
  'id',
  'timestamp',
  'receivedAt',
  ...CONVERSION_FIELDS,
  'event',
  'dedupeKey',
  'deliveryId',
  'notificationId',
  'siteId',
] as const satisfies readonly (keyof Conversion)[];

// A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets
// (https://owasp.org/www-community/attacks/CSV_Injection): a name like `=HYPERLINK(…)` sent in a
// webhook must stay text, so such a cell gets a leading `'`, which the import drops again.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n;\t]|^\s|\s$/;

/** One text cell, formula-safe and quoted when it holds a separator, a quote, a line break or edge spaces. */
export function textCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function cell(conversion: Conversion, column: (typeof EXPORT_COLUMNS)[number]): string {
  const value = conversion[column];
  if (value === undefined || value === null) return '';
  if (column === 'timestamp' || column === 'receivedAt') return new Date(value as number).toISOString();
  // Numbers we format cannot start a formula: a total stays a number the spreadsheet can add up.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (column === 'products') return (value as unknown[]).length > 0 ? textCell(JSON.stringify(value)) : '';
  return textCell(String(value));
}

export const CSV_HEADER_LINE = `${EXPORT_COLUMNS.join(',')}\r\n`;

/** One line, CRLF-terminated as RFC 4180 writes it. */
export function conversionLine(conversion: Conversion): string {
  return `${EXPORT_COLUMNS.map((column) => cell(conversion, column)).join(',')}\r\n`;
}
