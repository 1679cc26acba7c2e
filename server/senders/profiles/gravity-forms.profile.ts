// Gravity Forms Webhooks Add-On with Request Body "All Fields": the raw entry
// (https://docs.gravityforms.com/entry-object/), inputs keyed by field id: a Name field's "1.3" first and
// "1.6" last, an Address's "4.3" city / "4.4" state / "4.6" country, a Product's "5.1" name / "5.2" price / "5.3" quantity.
import { formatPath } from '../field-path.ts';
import { type ReadingBuilder, readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import type { ProductLine } from '../../normalize/types.ts';
import { isRecord, readItemLines } from './form-labels.ts';

const FIELD_KEY = /^(\d+)(?:\.(\d+))?$/;
const MAX_KEYS = 500;
/** payment_status values (https://docs.gravityforms.com/entry-object/#payment-status) that are not money received. */
const NOT_PAID = new Set(['processing', 'pending', 'failed', 'refunded', 'voided', 'cancelled', 'expired']);

export const gravityFormsProfile: SenderProfile = {
  id: 'gravity-forms',
  name: 'Gravity Forms',
  docs: 'https://docs.gravityforms.com/setting-up-the-webhooks-add-on/',
  bodyKeys: ['form_id'],
  userAgents: ['wordpress'],
  matches: ({ body }) => isRecord(body) && body.form_id !== undefined && typeof body.date_created === 'string',
  read({ body }) {
    const entry = body as Record<string, unknown>;
    const reading = readingOf(entry);
    const inputs = inputsByField(entry);
    // Fields by the inputs they have: a Name has no street (.1) or ZIP (.5); a Product no .4–.6.
    const names = [...inputs].filter(
      ([, subs]) => (subs.has('3') || subs.has('6')) && !subs.has('1') && !subs.has('5'),
    );
    const addresses = [...inputs].filter(([, subs]) => subs.has('5') && subs.has('6'));
    const products = [...inputs].filter(([, subs]) => ['1', '2', '3'].every((s) => subs.has(s)) && !subs.has('5'));
    const key = (field: string, sub: string) => formatPath([`${field}.${sub}`]);
    reading.email(
      [...inputs]
        .filter(([, subs]) => subs.has(''))
        .map(([field]) => formatPath([field]))
        .filter((path) => String(reading.pick(path)?.value).includes('@')),
    );
    reading.firstName(names.map(([field]) => key(field, '3'))).lastName(names.map(([field]) => key(field, '6')));
    reading.country(addresses.map(([field]) => key(field, '6')));
    reading
      .text(
        'city',
        addresses.map(([field]) => key(field, '3')),
      )
      .state(addresses.map(([field]) => key(field, '4')));
    readProducts(
      reading,
      products.map(([field]) => field),
    );
    reading.currency('currency').total('payment_amount').text('ip', 'ip').time('date_created');
    const id = reading.pick('id')?.value;
    if (typeof id === 'string' || typeof id === 'number') reading.set('eventId', `gravity-forms:entry:${id}`, 'id');
    const payment = reading.pick('payment_status')?.value;
    if (typeof payment === 'string') reading.set('orderStatus', payment.toLowerCase(), 'payment_status');
    const status = reading.pick('status')?.value;
    if (status === 'spam' || status === 'trash') reading.notShown(`entry marked as ${status}`, 'status');
    else if (typeof payment === 'string' && NOT_PAID.has(payment.toLowerCase()))
      reading.notShown(`payment ${payment.toLowerCase()}`, 'payment_status');
    return reading.done();
  },
};

/** Field id → its input suffixes ('' for a single-input field such as Email). */
function inputsByField(entry: Record<string, unknown>): Map<string, Set<string>> {
  const inputs = new Map<string, Set<string>>();
  for (const key of Object.keys(entry).slice(0, MAX_KEYS)) {
    const match = FIELD_KEY.exec(key);
    if (!match) continue;
    const field = match[1] as string;
    const subs = inputs.get(field) ?? new Set<string>();
    subs.add(match[2] ?? '');
    inputs.set(field, subs);
  }
  return inputs;
}

/** Product fields with a name: every one as a line, the highest unit price shown. Prices are "$10.00". */
function readProducts(reading: ReadingBuilder, fields: readonly string[]): void {
  const lines: { line: ProductLine; path: string }[] = [];
  for (const field of fields) {
    const path = (sub: string) => formatPath([`${field}.${sub}`]);
    const name = reading.pick(path('1'))?.value;
    const quantity = Number(reading.pick(path('3'))?.value);
    // A price is what tells a Product from other three-input fields (Consent's .1/.2/.3).
    const price = reading.money(reading.pick(path('2'))?.value);
    if (typeof name !== 'string' || name.trim() === '' || !(quantity > 0) || price === undefined) continue;
    lines.push({ line: { name: name.trim(), price, quantity }, path: path('1') });
  }
  readItemLines(reading, lines);
}
