// Counts an import's rows and remembers what it has seen, so that a row equal to a stored
// conversion, or to an earlier row of the same file, is a duplicate.
import type { DeliveryOutcome } from '../deliveries/delivery.types.ts';
import type { RowResult } from './read-import-row.ts';
import type { PreviewRow, RowNote } from '../../shared/imports.ts';

export type { PreviewRow, RowNote };

/** Notes kept per list: enough to fix a file, never a 50,000-line answer. */
export const MAX_NOTES = 100;

export function createImportTally(knownFingerprints: Set<string>) {
  const seenKeys = new Set<string>();
  const errors: RowNote[] = [];
  const ignoredRows: RowNote[] = [];
  let rows = 0;
  let imported = 0;
  let duplicates = 0;
  let ignored = 0;
  const note = (list: RowNote[], row: number, reason: string) => {
    if (list.length < MAX_NOTES) list.push({ row, reason });
  };

  return {
    /** Counts one row; a conversion is `imported` when neither stored nor seen earlier in the file. */
    take(row: number, result: RowResult): PreviewRow['outcome'] {
      rows++;
      if (result.outcome === 'error') {
        note(errors, row, result.reason);
        return 'error';
      }
      if (result.outcome === 'ignored') {
        ignored++;
        note(ignoredRows, row, result.reason);
        return 'ignored';
      }
      const key = result.record.dedupeKey;
      if (knownFingerprints.has(result.fingerprint) || (key !== null && seenKeys.has(key))) {
        duplicates++;
        return 'duplicate';
      }
      knownFingerprints.add(result.fingerprint);
      if (key !== null) seenKeys.add(key);
      return 'imported';
    },
    /** A dry run's rows that would be stored. */
    stored(count: number) {
      imported += count;
    },
    /** What storage made of a row: its dedupe key may belong to a conversion a webhook brought. */
    recorded(outcome: DeliveryOutcome) {
      if (outcome === 'duplicate') duplicates++;
      else imported++;
    },
    summary() {
      return { rows, imported, duplicates, ignored, errors, ignoredRows };
    },
  };
}
