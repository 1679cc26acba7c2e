// A notification's conversions, found by part of an email, name, product or place and exported as
// CSV; more come from a CSV import or by hand; "Erase" removes a person everywhere (their conversions in every notification
// and every stored webhook body that mentions them).
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { EmptyState, ErrorNote, Loading, RelativeTime } from '../components/bits.tsx';
import { useConfirm } from '../components/confirm-dialog.tsx';
import { CsvImport } from '../components/csv-import.tsx';
import { ManualEntryForm } from '../components/manual-entry-form.tsx';
import { useServices } from '../context.ts';
import { money, placeText } from '../format.ts';
import { Link } from '../router.tsx';
import type { Conversion, ConversionPage, EraseReply, Notification } from '../types.ts';
import { useResource } from '../use-resource.ts';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const personName = (c: Conversion) => [c.firstName, c.lastName].filter(Boolean).join(' ');

function useErase(onErased: () => void) {
  const { api, notify } = useServices();
  const [dialog, confirm] = useConfirm();
  const erase = async (email: string) => {
    const ok = await confirm({
      title: `Erase ${email}?`,
      body: (
        <p>
          This deletes every conversion with this email in all notifications and scrubs every stored webhook body,
          header and detected field that mentions it. It cannot be undone.
        </p>
      ),
      confirmLabel: 'Erase everywhere',
      danger: true,
    });
    if (!ok) return;
    try {
      const result = await api.post<EraseReply>('/api/erase', { email });
      const { conversions, deliveries } = result.erased;
      notify(
        `Erased ${result.email}: ${plural(conversions, 'conversion')} deleted, ${plural(deliveries, 'stored webhook')} scrubbed`,
      );
      onErased();
    } catch (error) {
      notify(`Erasing failed: ${errorText(error)}`, 'error');
    }
  };
  return { dialog, erase };
}

export function ConversionsTab({ notification }: { notification: Notification }) {
  const [search, setSearch] = useState('');
  const [text, setText] = useState('');
  const [eraseEmail, setEraseEmail] = useState('');
  const url = `/api/notifications/${notification.id}/conversions?limit=100${text ? `&q=${encodeURIComponent(text)}` : ''}`;
  const conversions = useResource<ConversionPage>(url);
  const { dialog, erase } = useErase(() => conversions.reload());
  const list = conversions.data?.conversions ?? [];

  return (
    <div>
      <div class="toolbar">
        <search>
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              setText(search.trim());
            }}
          >
            <label for="conversion-search">Search by email, name, product or city</label>
            <input
              id="conversion-search"
              type="search"
              placeholder="maria, sneakers, austin…"
              value={search}
              onInput={(e) => setSearch(e.currentTarget.value)}
            />
            <button type="submit" class="button">
              Search
            </button>
            {text && (
              <button
                type="button"
                class="button"
                onClick={() => {
                  setSearch('');
                  setText('');
                }}
              >
                Show all
              </button>
            )}
          </form>
        </search>
        <a class="button" href={`/api/notifications/${notification.id}/conversions.csv`} download>
          Export CSV
        </a>
      </div>
      <ErrorNote error={conversions.error} />
      {conversions.loading && !conversions.data && <Loading />}
      {conversions.data && list.length === 0 && (
        <EmptyState title={text ? `No conversions for ${text}` : 'No conversions yet'}>
          {text ? (
            <p>
              No email, name, product or place in this notification contains it. To erase a person everywhere, use their
              email below.
            </p>
          ) : (
            <p>
              Conversions appear when a webhook with a person in it is accepted, or when you import them from a CSV file
              or add them by hand below. Open the{' '}
              <Link href={`/admin/notifications/${notification.id}/inspector`}>Inspector</Link> to send a test or see
              why a delivery was ignored.
            </p>
          )}
        </EmptyState>
      )}
      {list.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Conversions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Location</th>
                <th scope="col">Product</th>
                <th scope="col" class="number">
                  Total
                </th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/admin/notifications/${notification.id}/inspector/${c.deliveryId}`}>
                      <RelativeTime ms={c.timestamp} />
                    </Link>
                  </td>
                  <td class="break">{c.email ?? ''}</td>
                  <td class="break">{personName(c)}</td>
                  <td class="break">{placeText(c)}</td>
                  <td class="break">
                    {c.productName ?? ''}
                    {c.moreProducts > 0 ? ` and ${c.moreProducts} more` : ''}
                  </td>
                  <td class="number">{money(c.total, c.currency)}</td>
                  <td>
                    {c.email && (
                      <button
                        type="button"
                        class="button small danger"
                        onClick={() => erase(c.email as string)}
                        aria-label={`Erase ${c.email}`}
                      >
                        Erase
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {notification.kind !== 'visitors' && (
        <>
          <CsvImport notificationId={notification.id} onImported={() => conversions.reload()} />
          <ManualEntryForm notificationId={notification.id} onAdded={() => conversions.reload()} />
        </>
      )}
      <form
        class="card form"
        aria-labelledby="erase-heading"
        onSubmit={async (e) => {
          e.preventDefault();
          await erase(eraseEmail.trim());
          setEraseEmail('');
        }}
      >
        <h2 id="erase-heading">Erase a person</h2>
        <p class="hint">
          For a deletion request (GDPR article 17): removes their data from every notification of every site.
        </p>
        <label for="erase-email">Email to erase</label>
        <input
          id="erase-email"
          type="email"
          required
          value={eraseEmail}
          onInput={(e) => setEraseEmail(e.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit" class="button danger">
            Erase…
          </button>
        </div>
      </form>
      {dialog}
    </div>
  );
}
