// Import past conversions from a CSV file: drop or choose it, see which column feeds which field and
// the first rows as they would be stored (a dry run), change a column for this file, then import.
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { useServices } from '../context.ts';
import { MAPPABLE_FIELDS, type MappableField } from '../field-map.ts';
import { fullTime, money } from '../format.ts';
import type { ImportMapping, ImportSummary, RowNote } from '../types.ts';
import { uploadCsv } from './upload-csv.ts';

const FIELD_LABELS: Record<MappableField, string> = {
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  city: 'City',
  state: 'State',
  stateCode: 'State code',
  country: 'Country',
  countryCode: 'Country code',
  productName: 'Product',
  productLink: 'Product link',
  productImage: 'Product image',
  total: 'Total',
  currency: 'Currency',
  timestamp: 'Date',
  eventId: 'Order number (a repeat is a duplicate)',
};
const BY = { import: 'chosen for this file', notification: "the notification's field map", detected: 'detected' };

function Counts({ summary }: { summary: ImportSummary }) {
  const errors = summary.rows - summary.imported - summary.duplicates - summary.ignored;
  const numbers: [string, number][] = [
    [summary.dryRun ? 'Would import' : 'Imported', summary.imported],
    ['Duplicates', summary.duplicates],
    ['Ignored', summary.ignored],
    ['Errors', errors],
  ];
  return (
    <dl class="numbers">
      {numbers.map(([label, n]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

function Notes({ title, notes }: { title: string; notes: RowNote[] }) {
  if (notes.length === 0) return null;
  return (
    <details>
      <summary>
        {title} ({notes.length === 100 ? 'the first 100' : notes.length})
      </summary>
      <ul>
        {notes.map((n) => (
          <li key={n.row}>
            Row {n.row}: {n.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}

function MappingTable(props: {
  summary: ImportSummary;
  mapping: ImportMapping;
  busy: boolean;
  onChange: (field: MappableField, column: string) => void;
}) {
  const { summary, mapping, busy, onChange } = props;
  return (
    <fieldset>
      <legend>Columns</legend>
      <p class="hint">
        Rows are read like webhook bodies: detection finds most fields by their column names. Pick a column where it
        finds the wrong one or none; the choice is for this file only.
      </p>
      <div class="grid-fields">
        {MAPPABLE_FIELDS.map((field) => {
          const found = summary.mapping[field];
          const id = `import-map-${field}`;
          return (
            <div key={field}>
              <label for={id}>{FIELD_LABELS[field]}</label>
              <select
                id={id}
                disabled={busy}
                value={typeof mapping[field] === 'string' ? (mapping[field] as string) : ''}
                onChange={(e) => onChange(field, e.currentTarget.value)}
              >
                <option value="">
                  {found && found.by !== 'import' ? `${found.column} (${BY[found.by]})` : 'Not found'}
                </option>
                {summary.columns.map((column) => (
                  <option key={column} value={column}>
                    {column}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function PreviewTable({ summary }: { summary: ImportSummary }) {
  const rows = summary.preview ?? [];
  if (rows.length === 0) return null;
  return (
    <div class="table-wrap">
      <table>
        <caption>The first rows as they would be stored</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Result</th>
            <th scope="col">Date</th>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Product</th>
            <th scope="col" class="number">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row, outcome, reason, conversion: c }) => (
            <tr key={row}>
              <td>{row}</td>
              <td>{reason ? `${outcome}: ${reason}` : outcome}</td>
              <td class="nowrap">{c ? fullTime(c.timestamp) : ''}</td>
              <td class="break">{c?.email ?? ''}</td>
              <td>{[c?.firstName, c?.lastName].filter(Boolean).join(' ')}</td>
              <td>{c?.productName ?? ''}</td>
              <td class="number">{c ? money(c.total, c.currency) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CsvImport({ notificationId, onImported }: { notificationId: number; onImported: () => void }) {
  const { session, notify } = useServices();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const run = async (chosen: File, nextMapping: ImportMapping, dryRun: boolean) => {
    setBusy(true);
    setError('');
    try {
      const result = await uploadCsv(notificationId, chosen, {
        dryRun,
        mapping: nextMapping,
        csrfToken: session.csrfToken,
      });
      setSummary(result);
      if (!dryRun) {
        notify(`Imported ${result.imported} conversions (${result.duplicates} duplicates skipped)`);
        onImported();
      }
    } catch (caught) {
      setSummary(null);
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };
  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    setMapping({});
    run(chosen, {}, true);
  };
  const changeColumn = (field: MappableField, column: string) => {
    const next = { ...mapping };
    if (column === '') delete next[field];
    else next[field] = column;
    setMapping(next);
    if (file) run(file, next, true);
  };

  return (
    <section
      class="card form"
      aria-labelledby="import-heading"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        choose(e.dataTransfer?.files[0]);
      }}
    >
      <h2 id="import-heading">Import from a CSV file</h2>
      <p class="hint">
        Last month's orders or sign-ups from a spreadsheet or a shop export. Imported rows are history: they are not
        shown as live popups. Up to 10 MiB and 50,000 rows; drop the file here or choose it.
      </p>
      <label for="import-file">CSV file</label>
      <input
        id="import-file"
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
        disabled={busy}
        onChange={(e) => {
          choose(e.currentTarget.files?.[0]);
          // Choosing the same file again (after fixing it) must read it again.
          e.currentTarget.value = '';
        }}
      />
      {busy && <p class="muted">Reading {file?.name}…</p>}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {summary && file && (
        <div aria-live="polite">
          <p>
            {file.name}: {summary.rows} rows, {summary.columns.length} columns, read as {summary.charset}; slashed dates
            are read {summary.dateOrder === 'day-first' ? 'day first (25/03/2024)' : 'month first (03/25/2024)'}.
          </p>
          <Counts summary={summary} />
          <Notes title="Rows with errors" notes={summary.errors} />
          <Notes title="Ignored rows" notes={summary.ignoredRows} />
          {summary.dryRun && (
            <>
              <MappingTable summary={summary} mapping={mapping} busy={busy} onChange={changeColumn} />
              <PreviewTable summary={summary} />
              <div class="actions">
                <button
                  type="button"
                  class="button primary"
                  disabled={busy || summary.imported === 0}
                  onClick={() => run(file, mapping, false)}
                >
                  Import {summary.imported} conversions
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}
