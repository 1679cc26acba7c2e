// Mailchimp audience webhooks: form-encoded `type`, `fired_at` (UTC, "2024-03-03 10:15:32") and `data[...]`
// (https://mailchimp.com/developer/marketing/guides/sync-audience-data-webhooks/).
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';

/** Event types that are not a sign-up: leaving, a cleaned address, a profile or address change, a campaign. */
const NOT_SIGN_UPS: Readonly<Record<string, string>> = {
  unsubscribe: 'unsubscribed',
  cleaned: 'address cleaned (bounced)',
  upemail: 'email address changed, not a new subscriber',
  profile: 'profile updated, not a new subscriber',
  campaign: 'campaign sent, not a subscriber',
};

export const mailchimpProfile: SenderProfile = {
  id: 'mailchimp',
  name: 'Mailchimp',
  docs: 'https://mailchimp.com/developer/marketing/guides/sync-audience-data-webhooks/',
  userAgents: ['mailchimp', 'mailchimp.com'],
  bodyKeys: ['fired_at'],
  matches({ body }) {
    const fields = body as Record<string, unknown> | null;
    return typeof fields?.type === 'string' && typeof fields.fired_at === 'string' && typeof fields.data === 'object';
  },
  read({ body }) {
    const reading = readingOf(body)
      .email(['data.email', 'data.merges.EMAIL', 'data.new_email'])
      .text('ip', ['data.ip_signup', 'data.ip_opt'])
      .time('fired_at')
      .text('event', 'type');
    // FNAME is often a form's single "Name" field holding the whole name.
    const first = reading.pick('data.merges.FNAME')?.value;
    const last = reading.pick('data.merges.LNAME')?.value;
    const firstText = typeof first === 'string' ? first.trim() : '';
    const lastText = typeof last === 'string' ? last.trim() : '';
    if (/\s/.test(firstText) && (!lastText || firstText.toLowerCase().endsWith(` ${lastText.toLowerCase()}`)))
      reading.fullName('data.merges.FNAME');
    else reading.firstName('data.merges.FNAME').lastName('data.merges.LNAME');
    const type = reading.fields.event ?? '';
    const list = reading.pick('data.list_id')?.value;
    const member = reading.pick('data.id')?.value;
    if (typeof list === 'string' && typeof member === 'string')
      reading.set('eventId', `mailchimp:${type}:${list}:${member}`, 'data.id');
    const notShown = NOT_SIGN_UPS[type];
    if (notShown) reading.notShown(notShown, 'type');
    return reading.done();
  },
};
