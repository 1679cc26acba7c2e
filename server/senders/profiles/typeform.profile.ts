// Typeform form_response webhooks: https://www.typeform.com/developers/webhooks/example-payload/ and the
// answer types of https://www.typeform.com/developers/responses/JSON-response-explanation/.
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { type FormAnswer, isRecord, readFormAnswers } from './form-labels.ts';

/** Where an answer of each type keeps its value (`choice.label`, not the choice's id or ref). */
const VALUE_KEY: Readonly<Record<string, string>> = {
  text: 'text',
  email: 'email',
  number: 'number',
  date: 'date',
  phone_number: 'phone_number',
  url: 'url',
  file_url: 'file_url',
  choice: 'choice.label',
  choices: 'choices.labels[0]',
};
const MAX_ANSWERS = 200;

export const typeformProfile: SenderProfile = {
  id: 'typeform',
  name: 'Typeform',
  docs: 'https://www.typeform.com/developers/webhooks/',
  headers: ['typeform-signature'],
  bodyKeys: ['form_response'],
  userAgents: ['typeform'],
  matches: ({ body }) => isRecord(body) && isRecord(body.form_response),
  read({ body }) {
    const reading = readingOf(body);
    const response = (body as { form_response: Record<string, unknown> }).form_response;
    const answers = Array.isArray(response.answers) ? response.answers.slice(0, MAX_ANSWERS) : [];
    const titles = fieldTitles(response.definition);
    const labelled: FormAnswer[] = [];
    const refs: FormAnswer[] = [];
    const payments: number[] = [];
    answers.forEach((answer, i) => {
      if (!isRecord(answer) || typeof answer.type !== 'string') return;
      if (answer.type === 'payment') payments.push(i);
      const key = VALUE_KEY[answer.type];
      if (!key) return;
      const field = isRecord(answer.field) ? answer.field : {};
      const path = `form_response.answers[${i}].${key}`;
      const type = typeof field.type === 'string' ? field.type : answer.type;
      const title = typeof field.id === 'string' ? titles.get(field.id) : undefined;
      if (title) labelled.push({ label: title, path, type });
      // A readable ref ("first_name") speaks when the question's title does not.
      if (typeof field.ref === 'string') refs.push({ label: field.ref, path, type });
    });
    const hidden = isRecord(response.hidden) ? Object.keys(response.hidden) : [];
    const hiddenAnswers = hidden.map((key) => ({ label: key, path: `form_response.hidden[${JSON.stringify(key)}]` }));
    readFormAnswers(reading, [...labelled, ...refs, ...hiddenAnswers]);

    // A payment block: the amount (major units, "1.00") and the card holder's name.
    const payment = payments[0];
    if (payment !== undefined) {
      const path = `form_response.answers[${payment}].payment`;
      reading.total(`${path}.amount`).fullName(`${path}.name`);
      if (reading.pick(`${path}.success`)?.value === false)
        reading.notShown('Typeform payment failed', `${path}.success`);
    }

    reading.time(['form_response.submitted_at', 'form_response.landed_at']).text('event', 'event_type');
    const token = reading.pick('form_response.token')?.value;
    if (typeof token === 'string') reading.set('eventId', `typeform:response:${token}`, 'form_response.token');
    if (reading.fields.event === 'form_response_partial') reading.notShown('partial Typeform response', 'event_type');
    return reading.done();
  },
};

/** Question titles by field id, from the form definition sent beside the answers. */
function fieldTitles(definition: unknown): Map<string, string> {
  const titles = new Map<string, string>();
  const fields = isRecord(definition) && Array.isArray(definition.fields) ? definition.fields : [];
  for (const field of fields.slice(0, MAX_ANSWERS)) {
    if (isRecord(field) && typeof field.id === 'string' && typeof field.title === 'string')
      titles.set(field.id, field.title);
  }
  return titles;
}
