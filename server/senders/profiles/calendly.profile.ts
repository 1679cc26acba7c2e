// Calendly webhook subscriptions {event, created_at, created_by, payload}:
// https://developer.calendly.com/receive-data-from-scheduled-events-in-real-time-with-webhook-subscriptions
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Only a booking is shown; a cancellation or a no-show is stored but never displayed. */
const NOT_SHOWN: Readonly<Record<string, string>> = {
  'invitee.canceled': 'Calendly booking canceled',
  'invitee_no_show.created': 'Calendly invitee no-show',
  'invitee_no_show.deleted': 'Calendly no-show removed',
};

export const calendlyProfile: SenderProfile = {
  id: 'calendly',
  name: 'Calendly',
  docs: 'https://developer.calendly.com/receive-data-from-scheduled-events-in-real-time-with-webhook-subscriptions',
  headers: ['calendly-webhook-signature'],
  bodyKeys: ['created_by'],
  matches({ body }) {
    if (body === null || typeof body !== 'object') return false;
    const { event, payload } = body as Record<string, unknown>;
    return (
      typeof event === 'string' && /^(?:invitee|routing_form_submission)/.test(event) && typeof payload === 'object'
    );
  },
  read({ body }) {
    const reading = readingOf(body)
      .text('event', 'event')
      .email('payload.email')
      .firstName('payload.first_name')
      .lastName('payload.last_name')
      // `name` is the whole name when the event type asks for one name field.
      .fullName('payload.name')
      // What was booked. The event's `location` is where the host meets (an address, a Zoom link), not where
      // the invitee is, and `timezone` is a zone, not a city: neither is read as the invitee's location.
      .text('productName', 'payload.scheduled_event.name')
      // A paid event type's payment: `amount` in major units.
      .currency('payload.payment.currency')
      .total('payload.payment.amount')
      .time(['payload.created_at', 'created_at'])
      .text('orderStatus', 'payload.status');
    const uri = reading.pick('payload.uri');
    if (uri && typeof uri.value === 'string')
      reading.set('eventId', `calendly:${reading.fields.event ?? ''}:${uri.value}`, uri.path);
    const event = reading.fields.event ?? '';
    const reason = NOT_SHOWN[event];
    if (reason) reading.notShown(reason, 'event');
    else if (reading.pick('payload.payment.successful')?.value === false)
      reading.notShown('Calendly payment not successful', 'payload.payment.successful');
    return reading.done();
  },
};
