// Google Forms through an Apps Script onFormSubmit trigger that POSTs e.namedValues
// (https://developers.google.com/apps-script/guides/triggers/events#form-submit_4): each question's
// title maps to an ARRAY of answer strings, {"Email Address": ["zoe@example.ie"], "Timestamp": ["3/3/2024 10:15:32"]}.
import { formatPath } from '../field-path.ts';
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { type FormAnswer, isRecord, readFormAnswers } from './form-labels.ts';

const MAX_QUESTIONS = 300;

export const googleAppsScriptProfile: SenderProfile = {
  id: 'google-apps-script',
  name: 'Google Forms (Apps Script)',
  docs: 'https://developers.google.com/apps-script/guides/triggers/events#form-submit_4',
  bodyKeys: ['Timestamp', 'namedValues'],
  matches: ({ body }) => namedValuesOf(body) !== undefined,
  read({ body }) {
    const named = namedValuesOf(body);
    const reading = readingOf(body);
    if (!named) return reading.done();
    const answers: FormAnswer[] = Object.keys(named.values)
      .slice(0, MAX_QUESTIONS)
      .map((title) => ({ label: title, path: formatPath([...named.prefix, title, 0]) }));
    // "Timestamp" is the response sheet's wall-clock time in the spreadsheet's own time zone, which
    // the event does not carry: read as UTC it would be hours off, so the receive time (the trigger
    // runs seconds after the submission) stands for it, and detection does not see it either.
    const { Timestamp: _wallClock, ...rest } = named.values;
    return readFormAnswers(reading, answers)
      .detectIn(named.prefix.length > 0 ? { namedValues: rest } : rest)
      .done();
  },
};

/** The namedValues object (bare or under `namedValues`) when every answer is a list of strings. */
function namedValuesOf(body: unknown): { values: Record<string, unknown>; prefix: string[] } | undefined {
  const wrapped = isRecord(body) && isRecord(body.namedValues);
  const values = wrapped ? (body as { namedValues: unknown }).namedValues : body;
  if (!isRecord(values) || !Array.isArray(values.Timestamp)) return undefined;
  const lists = Object.values(values).slice(0, MAX_QUESTIONS);
  const isNamed = lists.every((list) => Array.isArray(list) && list.every((item) => typeof item === 'string'));
  return isNamed ? { values, prefix: wrapped ? ['namedValues'] : [] } : undefined;
}
