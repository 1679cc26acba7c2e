// Contact Form 7 through the "CF7 to Webhook" plugin (https://wordpress.org/plugins/cf7-to-zapier/): a JSON
// object of the form's own field names, by default your-name (the whole name), your-email and your-subject.
import { formatPath } from '../field-path.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { type FormAnswer, isRecord, readFormAnswers } from './form-labels.ts';

const MAX_FIELDS = 300;

export const contactForm7Profile: SenderProfile = {
  id: 'contact-form-7',
  name: 'Contact Form 7',
  docs: 'https://wordpress.org/plugins/cf7-to-zapier/',
  bodyKeys: ['your-name', 'your-email'],
  userAgents: ['wordpress'],
  matches: ({ body }) =>
    isRecord(body) && (typeof body['your-email'] === 'string' || typeof body['your-name'] === 'string'),
  read({ body }) {
    const form = body as Record<string, unknown>;
    // CF7 posts only the form's fields: a date among them is an answer ("Preferred date"), not the event time.
    const reading = readingOf(form).noTime();
    // Field names are the labels: "your-name" is a whole name, "your-email" an email, "your-country"…
    const answers: FormAnswer[] = Object.keys(form)
      .slice(0, MAX_FIELDS)
      .filter((name) => typeof form[name] === 'string')
      .map((name) => ({ label: name, path: formatPath([name]) }));
    // The plugin sends the form's fields only: no submission time, so the receive time stands.
    return readFormAnswers(reading, answers).done();
  },
};
