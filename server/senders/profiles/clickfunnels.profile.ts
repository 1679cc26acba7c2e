// ClickFunnels 2.0 webhooks {data, event_id, event_type, subject_type, created_at}: https://developers.myclickfunnels.com/docs/webhooks
// and the event list https://developers.myclickfunnels.com/docs/webhook-event-types
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** `contact.identified`, `one_time_order.completed`, `courses/enrollment.created`… */
const CF_EVENT = /^[a-z_]+(?:\/[a-z_]+)?\.[a-z_]+$/;
/** Order events that are no payment to show. */
const NOT_PAID = /refund|cancel|fail|void|abandon|suspend/;

export const clickfunnelsProfile: SenderProfile = {
  id: 'clickfunnels',
  name: 'ClickFunnels',
  docs: 'https://developers.myclickfunnels.com/docs/webhooks',
  bodyKeys: ['event_type'],
  matches({ body }) {
    if (body === null || typeof body !== 'object') return false;
    const { event_type: event, data } = body as Record<string, unknown>;
    if (typeof event !== 'string' || !CF_EVENT.test(event) || data === null || typeof data !== 'object') return false;
    // The envelope names its subject; every ClickFunnels 2.0 resource carries its workspace and public id.
    const resource = data as Record<string, unknown>;
    return (
      typeof (body as Record<string, unknown>).subject_type === 'string' ||
      resource.workspace_id !== undefined ||
      resource.public_id !== undefined
    );
  },
  read({ body }) {
    const reading = readingOf(body)
      .text('event', 'event_type')
      // Orders carry the buyer as `data.contact`, appointments as `data.primary_contact`; contact events are the contact.
      .email(['data.contact.email_address', 'data.primary_contact.email_address', 'data.email_address'])
      .firstName(['data.contact.first_name', 'data.primary_contact.first_name', 'data.first_name'])
      .lastName(['data.contact.last_name', 'data.primary_contact.last_name', 'data.last_name'])
      .country(['data.billing_address.country', 'data.shipping_address.country'])
      .text('city', ['data.billing_address.city', 'data.shipping_address.city'])
      .state(['data.billing_address.state', 'data.shipping_address.state'])
      .text('ip', ['data.client_ip', 'data.contact.ip_address'])
      .currency('data.currency')
      // `total_amount` is a decimal string in major units ("97.0").
      .total('data.total_amount')
      .items('data.line_items', {
        name: ['original_product.name', 'products_variant.name', 'name'],
        price: ['original_amount', 'amount'],
        quantity: 'quantity',
        id: ['original_product.id', 'id'],
      })
      .time(['data.created_at', 'created_at'])
      .text('orderStatus', ['data.order_status', 'data.status']);
    const id = reading.pick('event_id');
    if (id && typeof id.value === 'string') reading.set('eventId', `clickfunnels:${id.value}`, id.path);
    const event = reading.fields.event ?? '';
    if (event.endsWith('.deleted')) reading.notShown(`ClickFunnels ${event}`, 'event_type');
    else if (NOT_PAID.test(event)) reading.notShown(`ClickFunnels ${event}`, 'event_type');
    return reading.done();
  },
};
