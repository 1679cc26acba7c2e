// Kartra outbound API notifications {lead, action, action_details}, a raw JSON body (a form body reads the same):
// https://documentation.kartra.com/the-outbound-api-system/
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Actions that take money back or stop a subscription: stored, never shown. */
const NOT_SHOWN = /refund|cancel|failed|chargeback/i;

export const kartraProfile: SenderProfile = {
  id: 'kartra',
  name: 'Kartra',
  docs: 'https://documentation.kartra.com/the-outbound-api-system/',
  bodyKeys: ['action_details', 'lead'],
  matches({ body }) {
    if (body === null || typeof body !== 'object') return false;
    const { lead, action } = body as Record<string, unknown>;
    return lead !== null && typeof lead === 'object' && typeof action === 'string';
  },
  read({ body }) {
    const tx = 'action_details.transaction_details';
    const reading = readingOf(body)
      .text('event', 'action')
      .email('lead.email')
      .firstName('lead.first_name')
      .lastName('lead.last_name')
      .country(['lead.country', 'lead.ip_country'])
      .text('city', 'lead.city')
      .state('lead.state')
      .text('ip', 'lead.ip')
      .text('productName', [`${tx}.product_name`, 'action_details.product.product_name'])
      .currency([`${tx}.currency`, 'action_details.currency'])
      .total([`${tx}.transaction_full_amount`, `${tx}.transaction_amount`])
      .time([`${tx}.transaction_date`, 'action_details.date']);
    const transaction = reading.pick(`${tx}.transaction_id`);
    if (transaction && (typeof transaction.value === 'string' || typeof transaction.value === 'number'))
      reading.set('eventId', `kartra:${reading.fields.event ?? ''}:${transaction.value}`, transaction.path);
    const type = reading.pick(`${tx}.transaction_type`);
    const action = reading.fields.event ?? '';
    if (NOT_SHOWN.test(action)) reading.notShown(`Kartra ${action.replace(/_/g, ' ')}`, 'action');
    else if (type && typeof type.value === 'string' && NOT_SHOWN.test(type.value))
      reading.notShown(`Kartra ${type.value}`, type.path);
    return reading.done();
  },
};
