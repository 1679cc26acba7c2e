// Kajabi webhooks {id, event, payload}: the API's JSON:API resource lists (https://developers.kajabi.com/api-reference/webhooks/purchase-sample)
// and the outbound purchase/form webhooks (https://help.kajabi.com/articles/api-integrations/webhooks/what-information-is-sent-with-outbound-webhooks).
import { type ReadingBuilder, readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Event names of the API's hooks (`purchase`) and of the outbound webhooks (`purchase.created`). */
const KAJABI_EVENT = /^(?:purchase|payment|order|form|tag|cart|offer)(?:[._]|$)/;
/** Transaction states and actions that are no sale (https://developers.kajabi.com/api-reference/transactions/transaction-details). */
const NOT_PAID_STATES = new Set(['initialized', 'failed']);
const NOT_SALE_ACTIONS = new Set(['refund', 'dispute', 'test']);

export const kajabiProfile: SenderProfile = {
  id: 'kajabi',
  name: 'Kajabi',
  docs: 'https://developers.kajabi.com/api-reference/webhooks/create-webhook',
  bodyKeys: ['payload'],
  matches({ body }) {
    if (body === null || typeof body !== 'object') return false;
    const { event, payload } = body as Record<string, unknown>;
    return typeof event === 'string' && KAJABI_EVENT.test(event) && payload !== null && typeof payload === 'object';
  },
  read({ body }) {
    const root = body as Record<string, unknown>;
    const payload = root.payload;
    const reading = readingOf(body).text('event', 'event');
    const resources = Array.isArray(payload) ? resourceIndex(payload) : undefined;
    if (resources && resources.size > 0) {
      readResources(reading, resources);
      // A form submission carries no time of its own: the form's and the contact's `created_at` are older events.
      if (reading.fields.timestamp === undefined) reading.detectIn(withoutResourceTimes(root, payload as unknown[]));
    } else readOutbound(reading, Array.isArray(payload) ? 'payload[0]' : 'payload');
    const event = reading.fields.event;
    const id = root.id;
    if (event && (typeof id === 'string' || typeof id === 'number') && id !== '') {
      // The same dedupe id detection gives Kajabi bodies, so a body reads the same with or without the profile.
      reading.set('eventId', `kajabi:${event}:${id}`, 'id');
    }
    if (event === 'tag_removed') reading.notShown('Kajabi tag removed', 'event');
    return reading.done();
  },
};

/** Where each JSON:API resource type sits in the payload list: `customers` → `payload[2].attributes`. */
function resourceIndex(list: unknown[]): Map<string, string> {
  const found = new Map<string, string>();
  list.forEach((item, index) => {
    if (item === null || typeof item !== 'object') return;
    const { type, attributes } = item as Record<string, unknown>;
    if (typeof type === 'string' && attributes !== null && typeof attributes === 'object' && !found.has(type))
      found.set(type, `payload[${index}].attributes`);
  });
  return found;
}

/** The body with every resource's `created_at`/`updated_at` dropped, for detection to read. */
function withoutResourceTimes(root: Record<string, unknown>, list: unknown[]): Record<string, unknown> {
  const payload = list.map((item) => {
    if (item === null || typeof item !== 'object') return item;
    const resource = item as Record<string, unknown>;
    if (resource.attributes === null || typeof resource.attributes !== 'object') return item;
    const {
      created_at: _created,
      updated_at: _updated,
      ...attributes
    } = resource.attributes as Record<string, unknown>;
    return { ...resource, attributes };
  });
  return { ...root, payload };
}

function readResources(reading: ReadingBuilder, resources: Map<string, string>): void {
  const at = (type: string, fields: string[]): string[] => {
    const base = resources.get(type);
    return base === undefined ? [] : fields.map((field) => `${base}.${field}`);
  };
  reading
    .email([...at('customers', ['email']), ...at('form_submissions', ['email'])])
    .fullName([...at('customers', ['name']), ...at('form_submissions', ['name'])])
    .country(at('form_submissions', ['address_country']))
    .text('city', at('form_submissions', ['address_city']))
    .state(at('form_submissions', ['address_state']))
    .currency([
      ...at('orders', ['currency_code']),
      ...at('purchases', ['currency']),
      ...at('transactions', ['currency']),
      ...at('offers', ['currency']),
    ])
    .total(
      [
        ...at('orders', ['total_price_in_cents']),
        ...at('purchases', ['amount_in_cents']),
        ...at('transactions', ['amount_in_cents']),
      ],
      { minorUnits: true },
    )
    .text('productName', at('offers', ['title']))
    .link(at('offers', ['checkout_url']))
    .image(at('offers', ['image_url']))
    .time([...at('purchases', ['created_at']), ...at('transactions', ['created_at']), ...at('orders', ['created_at'])])
    .text('orderStatus', at('transactions', ['state']));
  const action = reading.pick(at('transactions', ['action']));
  const state = reading.fields.orderStatus;
  if (action && typeof action.value === 'string' && NOT_SALE_ACTIONS.has(action.value))
    reading.notShown(`Kajabi ${action.value} transaction`, action.path);
  else if (state && NOT_PAID_STATES.has(state)) reading.notShown(`payment ${state}`, at('transactions', ['state'])[0]);
}

/** The outbound webhooks: flat `member_*` checkout fields, or `offer`/`member` objects, under `payload`. */
function readOutbound(reading: ReadingBuilder, p: string): void {
  reading
    .email([`${p}.member_email`, `${p}.member.email`, `${p}.email`])
    .firstName([`${p}.member_first_name`, `${p}.member.first_name`])
    .lastName([`${p}.member_last_name`, `${p}.member.last_name`])
    .fullName([`${p}.member_name`, `${p}.member.name`, `${p}.name`])
    .country([
      `${p}.contact_address_country`,
      `${p}.extra_contact_information.address_country`,
      `${p}.contact_address_country_name`,
    ])
    .text('city', [`${p}.contact_address_city`, `${p}.extra_contact_information.address_city`])
    .state([`${p}.contact_address_state`, `${p}.extra_contact_information.address_state`])
    .currency([`${p}.currency`, `${p}.payment_transaction.currency`])
    .total([`${p}.amount_paid_decimal`, `${p}.payment_transaction.amount_paid_decimal`])
    .text('productName', [`${p}.offer_title`, `${p}.offer.title`])
    .time([`${p}.transaction_created_at`, `${p}.created_at`, `${p}.submitted_at`]);
  if (reading.fields.total === undefined) reading.total(`${p}.amount_in_cents`, { minorUnits: true });
}
