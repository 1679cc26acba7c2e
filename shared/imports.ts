// Types only: a CSV import as the admin asks for it and as the server answers
// (POST /api/notifications/:id/import). Declared once, so the server's summary and the admin's
// import card cannot drift apart.
import type { NormalizedConversion } from './conversion.ts';
import type { MappableField } from './field-map.ts';

/** How `05/03/2024` is read: month first (US exports, and the normalizer's default) or day first. */
export type DateOrder = 'month-first' | 'day-first';

/** Field → column name; null: the notification's map entry for the field is not used for this file. */
export type ImportMapping = Partial<Record<MappableField, string | null>>;

/** A row the import could not read or chose not to show, and why, in a sentence. */
export interface RowNote {
  row: number;
  reason: string;
}

export interface MappedField {
  column: string;
  /** `import`: this file's mapping; `notification`: the notification's field map; `detected`: detection. */
  by: 'import' | 'notification' | 'detected';
}

export interface PreviewRow {
  row: number;
  outcome: 'imported' | 'duplicate' | 'ignored' | 'error';
  reason?: string;
  conversion?: NormalizedConversion;
}

export interface ImportSummary {
  dryRun: boolean;
  /** Data rows read (rows of empty cells are not counted). */
  rows: number;
  imported: number;
  duplicates: number;
  ignored: number;
  /** Rows that could not be read, with why (the first 100). */
  errors: RowNote[];
  /** Rows read but not shown, with why: a refunded order, nothing to show… (the first 100). */
  ignoredRows: RowNote[];
  columns: string[];
  separator: string;
  charset: string;
  dateOrder: DateOrder;
  mapping: Partial<Record<MappableField, MappedField>>;
  /** Dry run only: the first rows as they would be stored. */
  preview?: PreviewRow[];
}
