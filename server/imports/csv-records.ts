// CSV text → records, streamed through csv-parse: quoted fields (with the separator, quotes and
// line breaks inside), a BOM, and `,` `;` tab or `|` separators, sniffed from the header line.
// A record the parser cannot read is reported and skipped; the records after it still come.
import { type CsvError, parse } from 'csv-parse';

export type CsvRecord = { cells: string[] } | { error: string };

const SEPARATORS = [',', ';', '\t', '|'] as const;
export type Separator = (typeof SEPARATORS)[number];

/** Text is fed to the parser in slices, so a 10 MiB file never blocks the event loop in one go. */
const SLICE_CHARS = 64 * 1024;

/**
 * The separator the header line uses most, outside quotes: spreadsheets in locales with a decimal
 * comma write `;`, "Unicode text" exports write tabs. A one-column header has none: `,`.
 */
export function sniffSeparator(text: string): Separator {
  const counts = new Map<string, number>();
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && (SEPARATORS as readonly string[]).includes(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: Separator = ',';
  for (const separator of SEPARATORS) {
    if ((counts.get(separator) ?? 0) > (counts.get(best) ?? 0)) best = separator;
  }
  return best;
}

function describeError(error: CsvError | undefined): string {
  switch (error?.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed: everything after its opening quote was read as one field';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'a quote in the middle of a field that is not quoted as a whole';
    default:
      return `unreadable CSV (${error?.message ?? 'unknown error'})`;
  }
}

/**
 * Every record of `text` in order, the header first. Blank lines are skipped; a record with a
 * quoting error comes as `{ error }` in its place.
 */
export async function* csvRecords(text: string, separator: Separator): AsyncGenerator<CsvRecord> {
  const pending: CsvRecord[] = [];
  const parser = parse({
    delimiter: separator,
    bom: true,
    // Quotes inside an unquoted field are kept as text (`5" screen`), as spreadsheets read them.
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // Records are collected here, in order with the skipped ones, instead of passing through the stream.
    on_record: (cells: string[]) => {
      pending.push({ cells });
      return null;
    },
    on_skip: (error) => {
      pending.push({ error: describeError(error) });
      return undefined;
    },
  });
  parser.resume();
  let failure: unknown;
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (error) => {
      failure = error;
      resolve();
    });
  });
  for (let start = 0; start < text.length && failure === undefined; start += SLICE_CHARS) {
    await new Promise<void>((resolve) => parser.write(text.slice(start, start + SLICE_CHARS), () => resolve()));
    yield* pending.splice(0);
  }
  parser.end();
  await ended;
  yield* pending.splice(0);
  if (failure !== undefined) yield { error: describeError(failure as CsvError) };
}
