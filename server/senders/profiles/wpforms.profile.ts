// WPForms entries as its Webhooks addon sends them (https://wpforms.com/docs/how-to-install-and-use-the-webhooks-addon-with-wpforms/):
// fields keyed by field id, each {id, type, name (the label), value}; a Name field adds first/middle/last,
// an Address city/state/country, payment fields amount_raw and currency (https://wpforms.com/developers/wpforms_process_complete/).
import { formatPath } from '../field-path.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { type FormAnswer, isRecord, readFormAnswers, readItemLines } from './form-labels.ts';

const MAX_FIELDS = 300;
/** Payment field types that name what was bought: the label of a single item, the chosen option otherwise. */
const ITEM_TYPES = new Set(['payment-single', 'payment-multiple', 'payment-select', 'payment-checkbox']);

export const wpformsProfile: SenderProfile = {
  id: 'wpforms',
  name: 'WPForms',
  docs: 'https://wpforms.com/docs/how-to-install-and-use-the-webhooks-addon-with-wpforms/',
  bodyKeys: ['fields'],
  userAgents: ['wordpress'],
  matches: ({ body }) =>
    isRecord(body) && !isRecord(body.meta) && fieldEntries(body.fields).some(([, f]) => 'name' in f && 'type' in f),
  read({ body }) {
    // WPForms sends only the entry's fields: a date field is an answer, not the moment of the entry.
    const reading = readingOf(body).noTime();
    const answers: FormAnswer[] = [];
    const items: { path: string; price: string }[] = [];
    let total: string | undefined;
    for (const [id, field] of fieldEntries((body as { fields: unknown }).fields)) {
      const type = typeof field.type === 'string' ? field.type : '';
      const label = typeof field.name === 'string' ? field.name : '';
      const at = (key: string) => formatPath(['fields', id, key]);
      if (type === 'name' && ('first' in field || 'last' in field)) {
        answers.push({ label: 'first name', path: at('first') }, { label: 'last name', path: at('last') });
      }
      if (type === 'name') answers.push({ label: 'name', path: at('value') });
      else if (type === 'address') {
        answers.push({ label: 'city', path: at('city') }, { label: 'state', path: at('state') });
        answers.push({ label: 'country', path: at('country') });
      } else if (type === 'payment-total') total ??= at('amount_raw');
      else if (ITEM_TYPES.has(type)) {
        items.push({ path: type === 'payment-single' ? at('name') : at('value_choice'), price: at('amount_raw') });
      } else answers.push({ label, path: at('value'), type });
    }
    readFormAnswers(reading, answers);
    readItems(reading, items);
    const currencyPaths = fieldEntries((body as { fields: unknown }).fields).map(([id]) =>
      formatPath(['fields', id, 'currency']),
    );
    reading.currency(currencyPaths);
    if (total) reading.total(total);
    const entryId = reading.pick('entry_id')?.value;
    if (typeof entryId === 'string' || typeof entryId === 'number')
      reading.set('eventId', `wpforms:entry:${entryId}`, 'entry_id');
    // WPForms sends the fields only: no submission time, so the receive time stands.
    return reading.done();
  },
};

/** Payment items as product lines; the highest price is the one shown. */
function readItems(reading: ReturnType<typeof readingOf>, items: readonly { path: string; price: string }[]): void {
  const lines = items.flatMap(({ path, price }) => {
    const name = reading.pick(path)?.value;
    const amount = reading.money(reading.pick(price)?.value);
    return typeof name === 'string' && name.trim() !== ''
      ? [{ path, line: { name: name.trim(), ...(amount === undefined ? {} : { price: amount }) } }]
      : [];
  });
  readItemLines(reading, lines);
}

/** The fields as [id, field] pairs, whether sent as an object keyed by id or as a list. */
function fieldEntries(fields: unknown): [string, Record<string, unknown>][] {
  if (Array.isArray(fields)) {
    return fields
      .slice(0, MAX_FIELDS)
      .flatMap((f, i) => (isRecord(f) ? [[String(i), f] as [string, Record<string, unknown>]] : []));
  }
  if (!isRecord(fields)) return [];
  return Object.keys(fields)
    .slice(0, MAX_FIELDS)
    .flatMap((id) => (isRecord(fields[id]) ? [[id, fields[id]] as [string, Record<string, unknown>]] : []));
}
