// CSV records → rows keyed by the header's column names: what the normalizer reads, as it reads
// a JSON webhook body. Row numbers count data rows from 1 (the header is not a row).
import { HttpError } from '../errors.ts';
import { type Separator, csvRecords, sniffSeparator } from './csv-records.ts';

export const MAX_IMPORT_ROWS = 50_000;
/** A wider "header" is a file that is not a table (or the wrong separator); refused before any work. */
export const MAX_COLUMNS = 500;

export type CsvRow = { row: number; values: Record<string, string> } | { row: number; error: string };

export interface CsvTable {
  columns: string[];
  separator: Separator;
  /** Data rows in file order, each a row object or the reason it could not be read; rows of empty cells are skipped. */
  rows(): AsyncGenerator<CsvRow>;
}

export const tooManyRows = () =>
  new HttpError(
    413,
    'payload-too-large',
    `The CSV file has over ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; split it into smaller files`,
  );

/** Blank names become `Column 3`, repeated ones `Email (2)`: every cell keeps a key of its own. */
export function columnNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, index) => {
    const base = raw.replace(/^\uFEFF/, '').trim() || `Column ${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

// Our export (and OWASP's advice for any CSV meant for spreadsheets) writes `'=…` for a cell that
// starts like a formula; reading one back drops that quote.
const ESCAPED_FORMULA = /^'[=+\-@\t\r]/;

function rowObject(columns: readonly string[], cells: readonly string[]): Record<string, string> {
  const entries: [string, string][] = [];
  columns.forEach((column, index) => {
    const cell = cells[index];
    if (cell === undefined || cell.trim() === '') return;
    entries.push([column, ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell]);
  });
  // fromEntries makes own properties even of `__proto__` or `constructor`: column names are data.
  return Object.fromEntries(entries);
}

/** Cells past the header's columns that hold something: a row cut wrong, never guessed at. */
function extraCells(columns: readonly string[], cells: readonly string[]): number {
  return cells.slice(columns.length).filter((cell) => cell.trim() !== '').length;
}

/** Reads the header; rows are read on demand, as many times as asked (each pass parses again). */
export async function readCsvTable(text: string): Promise<CsvTable> {
  const separator = sniffSeparator(text);
  const records = csvRecords(text, separator);
  const header = await records.next();
  await records.return(undefined);
  if (header.done || !('cells' in header.value)) {
    throw new HttpError(400, 'invalid-input', 'The CSV file has no header line (column names on the first line)');
  }
  if (header.value.cells.length > MAX_COLUMNS) {
    throw new HttpError(400, 'invalid-input', `The CSV file has over ${MAX_COLUMNS} columns`);
  }
  const columns = columnNames(header.value.cells);
  async function* rows(): AsyncGenerator<CsvRow> {
    let row = 0;
    let first = true;
    for await (const record of csvRecords(text, separator)) {
      if (first) {
        first = false;
        continue;
      }
      row++;
      if (row > MAX_IMPORT_ROWS) throw tooManyRows();
      if ('error' in record) {
        yield { row, error: record.error };
        continue;
      }
      // Spreadsheets pad a sheet with rows of empty cells (`,,,`): nothing, not a bad row.
      if (record.cells.every((cell) => cell.trim() === '')) continue;
      const extra = extraCells(columns, record.cells);
      if (extra > 0) {
        const reason = `${record.cells.length} cells where the header has ${columns.length} columns (an unquoted separator?)`;
        yield { row, error: reason };
        continue;
      }
      yield { row, values: rowObject(columns, record.cells) };
    }
  }
  return { columns, separator, rows };
}
