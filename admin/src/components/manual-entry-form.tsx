// Add one conversion by hand (a sale at the counter, a sign-up by phone): stored, and shown at once
// on the site's open pages like a webhook's.
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { useServices } from '../context.ts';

const FIELDS = [
  { name: 'firstName', label: 'First name', type: 'text' },
  { name: 'lastName', label: 'Last name', type: 'text' },
  { name: 'email', label: 'Email (optional)', type: 'email' },
  { name: 'city', label: 'City', type: 'text' },
  { name: 'country', label: 'Country', type: 'text' },
  { name: 'productName', label: 'Product', type: 'text' },
  { name: 'total', label: 'Total', type: 'number' },
  { name: 'currency', label: 'Currency (EUR, USD…)', type: 'text' },
  { name: 'timestamp', label: 'When (empty: now)', type: 'datetime-local' },
] as const;

type FieldName = (typeof FIELDS)[number]['name'];

// Each kind of input with its own attributes (the input types' attributes differ).
const INPUTS = {
  text: { type: 'text' },
  email: { type: 'email' },
  number: { type: 'number', step: '0.01', min: '0' },
  'datetime-local': { type: 'datetime-local' },
} as const;

/** The form's text as the API takes it: numbers as numbers, a local date-time as ISO, empty fields left out. */
function entryBody(values: Partial<Record<FieldName, string>>): Record<string, string | number> {
  const body: Record<string, string | number> = {};
  for (const { name } of FIELDS) {
    const value = values[name]?.trim();
    if (!value) continue;
    if (name === 'total') body.total = Number(value);
    else if (name === 'timestamp') body.timestamp = new Date(value).toISOString();
    else body[name] = value;
  }
  return body;
}

export function ManualEntryForm({ notificationId, onAdded }: { notificationId: number; onAdded: () => void }) {
  const { api, notify } = useServices();
  const [values, setValues] = useState<Partial<Record<FieldName, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  return (
    <form
      class="card form"
      aria-labelledby="manual-heading"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError('');
        try {
          await api.post(`/api/notifications/${notificationId}/conversions`, entryBody(values));
          setValues({});
          notify('Conversion added');
          onAdded();
        } catch (caught) {
          setError(errorText(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="manual-heading">Add a conversion by hand</h2>
      <p class="hint">A first name or a product is enough. Open pages of the site show it at once.</p>
      <div class="grid-fields">
        {FIELDS.map(({ name, label, type }) => (
          <div key={name}>
            <label for={`manual-${name}`}>{label}</label>
            <input
              id={`manual-${name}`}
              {...INPUTS[type]}
              value={values[name] ?? ''}
              onInput={(e) => setValues({ ...values, [name]: e.currentTarget.value })}
            />
          </div>
        ))}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>
          Add conversion
        </button>
      </div>
    </form>
  );
}
