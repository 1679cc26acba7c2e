// Tally FORM_RESPONSE webhooks: https://tally.so/help/webhooks ("Example webhook event"): data.fields[] with
// label, type and value; a choice's value is a list of option ids, resolved here through its options[].
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { type FormAnswer, isRecord, readFormAnswers } from './form-labels.ts';

const MAX_FIELDS = 300;

export const tallyProfile: SenderProfile = {
  id: 'tally',
  name: 'Tally',
  docs: 'https://tally.so/help/webhooks',
  headers: ['tally-signature'],
  bodyKeys: ['eventType'],
  matches: ({ body }) =>
    isRecord(body) && body.eventType === 'FORM_RESPONSE' && isRecord(body.data) && Array.isArray(body.data.fields),
  read({ body }) {
    const reading = readingOf(body);
    const fields = ((body as { data: { fields: unknown[] } }).data.fields ?? []).slice(0, MAX_FIELDS);
    const answers: FormAnswer[] = [];
    let payment: string | undefined;
    fields.forEach((field, i) => {
      if (!isRecord(field) || typeof field.label !== 'string') return;
      const type = typeof field.type === 'string' ? field.type : '';
      const path = `data.fields[${i}]`;
      if (type === 'PAYMENT') payment ??= `${path}.value`;
      const valuePath = valuePathOf(field, path);
      if (valuePath)
        answers.push({ label: field.label, path: valuePath, type: type === 'INPUT_EMAIL' ? 'email' : type });
    });
    readFormAnswers(reading, answers);
    if (payment) {
      // A payment block's value: { price, currency, name, email } of the Stripe payment Tally took.
      reading.currency(`${payment}.currency`).total(`${payment}.price`).fullName(`${payment}.name`);
      if (reading.fields.email === undefined) reading.email(`${payment}.email`);
    }
    reading.time(['data.createdAt', 'createdAt']).text('event', 'eventType');
    const responseId = reading.pick(['data.responseId', 'data.submissionId']);
    if (typeof responseId?.value === 'string')
      reading.set('eventId', `tally:response:${responseId.value}`, responseId.path);
    return reading.done();
  },
};

/**
 * The path of a field's readable value: a choice's option text (`options[2].text`) for the first
 * chosen option id, else the value itself when it is text or a number. Checkbox flags (true/false) are skipped.
 */
function valuePathOf(field: Record<string, unknown>, path: string): string | undefined {
  const { value, options } = field;
  const chosen = Array.isArray(value) ? value[0] : value;
  if (Array.isArray(options) && options.length > 0) {
    // An id with no option beside it stays unread: the country must never come out as a UUID.
    const index = options.findIndex((option) => isRecord(option) && option.id === chosen);
    return index >= 0 ? `${path}.options[${index}].text` : undefined;
  }
  if (typeof chosen === 'string' || typeof chosen === 'number')
    return Array.isArray(value) ? `${path}.value[0]` : `${path}.value`;
  return undefined;
}
