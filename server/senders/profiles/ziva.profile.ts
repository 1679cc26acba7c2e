// Ziva site builder webhooks (order_created, order_updated, form_submitted, contact_updated), from its help page
// "Introduction to Webhooks" (https://ziva.com.au/webhooks). Ziva runs on a white-label website-builder engine that
// other brands resell with the same help text and the same events (Stacklii, see stacklii.profile.ts); the engine
// documents the form_submitted body as { website, contact, formName, formValues: [{ field, value }] }
// (https://docs.bosscart.io/webhook-events). Bodies shaped { event, data: { order | submission | contact } } are
// read too. The exported reader serves every brand of the engine.
import { readPath } from '../field-path.ts';
import type { ReadingBuilder } from '../sender-reading.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile, SenderReading, SenderRequest } from '../sender-profile.ts';

/** The events the help page lists. */
const EVENTS = new Set([
  'order_created',
  'order_updated',
  'product_created',
  'product_updated',
  'form_submitted',
  'contact_updated',
  'booking_created',
]);
/** Order statuses that mean the money has not (or no longer) arrived. */
const NOT_PAID = new Set([
  'pending',
  'unpaid',
  'awaiting_payment',
  'refunded',
  'cancelled',
  'canceled',
  'failed',
  'abandoned',
]);
const EMAIL_LABEL = /^e-?mail(?:\s*address)?$/i;
const NAME_LABEL = /^(?:full\s*)?name$/i;
const FIRST_LABEL = /^first\s*name$/i;
const LAST_LABEL = /^(?:last\s*name|surname)$/i;
const CITY_LABEL = /^city$/i;
const COUNTRY_LABEL = /^country$/i;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The engine's own shape (website + contact/formValues) or the { event, data } envelope. */
export function isSiteBuilderWebhook(body: unknown): boolean {
  if (!isObject(body)) return false;
  if (isObject(body.website) && typeof body.website.systemDomain === 'string')
    return isObject(body.contact) || Array.isArray(body.formValues) || isObject(body.order);
  return typeof body.event === 'string' && EVENTS.has(body.event) && isObject(body.data);
}

/** Host names the body gives for the site (the engine's system domain, the custom domain). */
export function siteHostsOf(body: unknown): string[] {
  const hosts: string[] = [];
  for (const path of ['website.systemDomain', 'website.domain', 'data.site.domain', 'data.site.url']) {
    const value = readPath(body, path);
    if (typeof value !== 'string' || value === '') continue;
    try {
      hosts.push(new URL(value.includes('://') ? value : `https://${value}`).hostname.toLowerCase());
    } catch {
      // Not a host name: ignored.
    }
  }
  return hosts;
}

/** Reads either body shape; `brand` prefixes the dedupe ids. */
export function readSiteBuilderWebhook({ body }: SenderRequest, brand: string): SenderReading {
  const reading = readingOf(body);
  if (isObject(body) && isObject(body.website)) readEngineBody(reading, brand);
  else readEnvelope(reading, brand);
  return reading.done();
}

/** { website, contact, formName, formValues } (form_submitted) and { website, contact } (contact_updated). */
function readEngineBody(reading: ReadingBuilder, brand: string): void {
  const values = Array.isArray(reading.pick('formValues')?.value);
  const field = (label: RegExp) => labelledValue(reading, 'formValues', 'field', label);
  reading.email(['contact.email', ...field(EMAIL_LABEL)]);
  readNames(reading, ['contact.name', ...field(NAME_LABEL)], field(FIRST_LABEL), field(LAST_LABEL));
  reading
    .country(['contact.country', ...field(COUNTRY_LABEL)])
    .state('contact.state')
    .text('city', ['contact.city', ...field(CITY_LABEL)]);
  reading.set('event', values ? 'form_submitted' : 'contact_updated', values ? 'formValues' : 'contact');
  // A returning contact's createdOn is its first visit, not this submission's time.
  if (!values) reading.time('contact.createdOn');
  const id = reading.pick('contact.id')?.value;
  if (!values && (typeof id === 'number' || typeof id === 'string'))
    reading.set('eventId', `${brand}:contact:${id}`, 'contact.id');
}

/** { event, data: { order | submission | contact } }. */
function readEnvelope(reading: ReadingBuilder, brand: string): void {
  reading.text('event', 'event');
  const event = reading.fields.event ?? '';
  if (event.startsWith('order_')) {
    reading
      .email('data.order.customer.email')
      .fullName('data.order.customer.name')
      .firstName('data.order.customer.first_name')
      .lastName('data.order.customer.last_name')
      .country('data.order.customer.country')
      .text('city', 'data.order.customer.city')
      .currency('data.order.currency')
      .total('data.order.total')
      .items('data.order.items', {
        name: ['title', 'name'],
        price: 'price',
        quantity: 'quantity',
        link: 'url',
        image: 'image',
      })
      .time('data.order.created_at')
      .text('orderStatus', 'data.order.status');
    const id = reading.pick('data.order.id')?.value;
    if (typeof id === 'number' || typeof id === 'string')
      reading.set('eventId', `${brand}:order:${id}`, 'data.order.id');
    const status = reading.fields.orderStatus?.toLowerCase();
    if (status && NOT_PAID.has(status)) reading.notShown(`order ${status}`, 'data.order.status');
  } else if (event === 'form_submitted') {
    const field = (label: RegExp) => labelledValue(reading, 'data.submission.fields', 'label', label);
    reading.email(field(EMAIL_LABEL));
    readNames(reading, field(NAME_LABEL), field(FIRST_LABEL), field(LAST_LABEL));
    reading.country(field(COUNTRY_LABEL)).text('city', field(CITY_LABEL)).time('data.submission.submitted_at');
  } else if (event === 'contact_updated') {
    reading.email('data.contact.email');
    readNames(reading, ['data.contact.name'], ['data.contact.first_name'], ['data.contact.last_name']);
    reading.country('data.contact.country').state('data.contact.state').text('city', 'data.contact.city');
  } else if (event.startsWith('product_')) {
    reading.notShown(`${event}: a catalogue change, not a visitor's action`, 'event');
  }
}

/** Separate first/last fields when sent, else the one full-name field split. */
function readNames(reading: ReadingBuilder, full: string[], first: string[], last: string[]): void {
  if (reading.pick(first)) reading.firstName(first).lastName(last);
  else reading.fullName(full);
}

/** Paths to `value` of the items in `list` whose `key` matches the label (form fields sent as a list). */
function labelledValue(reading: ReadingBuilder, list: string, key: string, label: RegExp): string[] {
  const items = reading.pick(list)?.value;
  if (!Array.isArray(items)) return [];
  const paths: string[] = [];
  items.forEach((item, index) => {
    if (isObject(item) && typeof item[key] === 'string' && label.test(item[key].trim()))
      paths.push(`${list}[${index}].value`);
  });
  return paths;
}

export const zivaProfile: SenderProfile = {
  id: 'ziva',
  name: 'Ziva',
  docs: 'https://ziva.com.au/webhooks',
  bodyKeys: ['website', 'event'],
  matches: ({ body }) => isSiteBuilderWebhook(body),
  read: (request) => readSiteBuilderWebhook(request, 'ziva'),
};
