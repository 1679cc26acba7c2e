// systeme.io webhooks: automation rules' {type: "customer.sale.completed", data, created_at}
// (https://help-pt.systeme.io/article/752-como-criar-e-ativar-um-webhook-apos-uma-inscricao-ou-venda) and the public
// API's webhooks, named by the X-Webhook-Event header (SALE_NEW…), whose resources may sit under `data` or at the top.
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

const API_EVENT = /^(?:SALE|CONTACT|SUBSCRIPTION|ORDER)_[A-Z_]+$/;
const RULE_EVENT = /^(?:customer|contact|subscription)\.[a-z_.]+$/;
const NOT_SHOWN = /cancel|refund|fail|removed/i;

export const systemeIoProfile: SenderProfile = {
  id: 'systeme-io',
  name: 'systeme.io',
  docs: 'https://help-pt.systeme.io/article/752-como-criar-e-ativar-um-webhook-apos-uma-inscricao-ou-venda',
  headers: ['x-webhook-event'],
  bodyKeys: ['type'],
  matches({ headers, body }) {
    if (body === null || typeof body !== 'object') return false;
    const header = headers['x-webhook-event'];
    if (header !== undefined) return API_EVENT.test(header);
    const { type, data } = body as Record<string, unknown>;
    if (typeof type !== 'string' || !RULE_EVENT.test(type) || data === null || typeof data !== 'object') return false;
    // Stripe's `customer.subscription.created` also has `type` and `data`; systeme.io's data names the customer.
    const { customer, contact } = data as Record<string, unknown>;
    return (customer !== null && typeof customer === 'object') || (contact !== null && typeof contact === 'object');
  },
  read({ headers, body }) {
    // The API's body may carry its resources under `data` or at the top; rules always under `data`.
    const root = body as Record<string, unknown>;
    const p = root.data !== null && typeof root.data === 'object' ? 'data.' : '';
    const plan = [`${p}offer_price_plan`, `${p}pricePlan`];
    const reading = readingOf(body)
      .email([`${p}customer.email`, `${p}contact.email`])
      .firstName([`${p}customer.fields.first_name`, `${p}contact.fields.first_name`])
      .lastName([`${p}customer.fields.surname`, `${p}contact.fields.surname`])
      .country([`${p}customer.fields.country`, `${p}contact.fields.country`])
      .text('city', [`${p}customer.fields.city`, `${p}contact.fields.city`])
      .state([`${p}customer.fields.state`, `${p}contact.fields.state`])
      .text(
        'productName',
        plan.map((path) => `${path}.name`),
      )
      // Lower-case codes ("eur") and amounts in cents.
      .currency([...plan.map((path) => `${path}.currency`), `${p}order.currency`])
      .total(
        plan.map((path) => `${path}.direct_charge_amount`),
        { minorUnits: true },
      )
      .time([`${p}order.created_at`, 'created_at', `${p}created_at`]);
    const header = headers['x-webhook-event'];
    const event = header ?? (typeof root.type === 'string' ? root.type : undefined);
    if (event) reading.set('event', event, header ? 'header:x-webhook-event' : 'type');
    const order = reading.pick(`${p}order.id`);
    if (order && (typeof order.value === 'string' || typeof order.value === 'number'))
      reading.set('eventId', `systeme-io:${(event ?? '').toLowerCase()}:${order.value}`, order.path);
    if (event && NOT_SHOWN.test(event))
      reading.notShown(
        `systeme.io ${event.toLowerCase().replace(/_/g, ' ')}`,
        header ? 'header:x-webhook-event' : 'type',
      );
    return reading.done();
  },
};
