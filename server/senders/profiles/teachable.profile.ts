// Teachable webhooks {id, type, created, hook_event_id, object}: https://docs.teachable.com/docs/available-events
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** The events Teachable sends (the list on its "Webhook events and data" page). */
const TEACHABLE_EVENT =
  /^(?:Admission|Comment|EmailLead|Enrollment|LectureProgress|Response|Sale|Transaction|User|UserTag|AbandonedOrder)\.[a-z_]+$/;
/** Events that are real but are no sale or sign-up to show. */
const NOT_SHOWN: Readonly<Record<string, string>> = {
  'Transaction.refunded': 'Teachable transaction refunded',
  'Sale.subscription_canceled': 'Teachable subscription canceled',
  'Enrollment.disabled': 'Teachable unenrollment',
  'Admission.disabled': 'Teachable admission disabled',
  'AbandonedOrder.created': 'Teachable abandoned order',
  'UserTag.removed': 'Teachable tag removed',
  'User.unsubscribe_from_marketing_emails': 'Teachable unsubscribe',
};

export const teachableProfile: SenderProfile = {
  id: 'teachable',
  name: 'Teachable',
  docs: 'https://docs.teachable.com/docs/available-events',
  bodyKeys: ['hook_event_id', 'object'],
  matches({ body }) {
    if (body === null || typeof body !== 'object') return false;
    const { type, object } = body as Record<string, unknown>;
    return typeof type === 'string' && TEACHABLE_EVENT.test(type) && object !== null && typeof object === 'object';
  },
  read({ body }) {
    const reading = readingOf(body)
      .text('event', 'type')
      .email(['object.user.email', 'object.email'])
      // Teachable sends one `name` field: split so only the first name and an initial are shown.
      .fullName(['object.user.name', 'object.name'])
      .text('productName', ['object.course.name', 'object.product.name'])
      .image(['object.course.image_url'])
      .currency(['object.currency', 'object.transaction.currency', 'object.pricing_plan.currency'])
      // Prices are integers in the currency's smallest unit (cents; yen as is).
      .total(['object.final_price', 'object.charge'], { minorUnits: true })
      .time(['created', 'object.created_at', 'object.purchased_at'])
      .text('orderStatus', 'object.status');
    const hook = reading.pick(['hook_event_id', 'id']);
    if (hook && (typeof hook.value === 'string' || typeof hook.value === 'number'))
      reading.set('eventId', `teachable:${hook.value}`, hook.path);
    const reason = NOT_SHOWN[reading.fields.event ?? ''];
    if (reason) reading.notShown(reason, 'type');
    return reading.done();
  },
};
