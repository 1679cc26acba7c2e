// Wufoo WebHooks (https://wufoo.github.io/docs/#webhooks): a form-encoded POST of Field1, Field2… with, when
// metadata is on, FieldStructure (each field's Title, Type, ID and SubFields) and FormStructure, the
// form's own settings whose Email is the SITE's notification address, never the person who filled it in.
import { readingOf } from '../sender-reading.ts';
import type { SenderProfile } from '../sender-profile.ts';
import { type FormAnswer, isRecord, parseJsonField, readFormAnswers } from './form-labels.ts';

const FIELD_ID = /^Field\d+$/;
const MAX_FIELDS = 500;

export const wufooProfile: SenderProfile = {
  id: 'wufoo',
  name: 'Wufoo',
  docs: 'https://wufoo.github.io/docs/#webhooks',
  bodyKeys: ['FieldStructure', 'HandshakeKey', 'EntryId'],
  matches: ({ body }) =>
    isRecord(body) &&
    (typeof body.FieldStructure === 'string' || (body.EntryId !== undefined && body.HandshakeKey !== undefined)),
  read({ body }) {
    const post = body as Record<string, unknown>;
    const reading = readingOf(post);
    const structure = parseJsonField(post.FieldStructure);
    const fields = isRecord(structure) && Array.isArray(structure.Fields) ? structure.Fields.slice(0, MAX_FIELDS) : [];
    readFormAnswers(reading, fields.flatMap(answersOf));
    reading.text('ip', 'IP');
    const form = parseJsonField(post.FormStructure);
    const formKey = isRecord(form) && typeof form.Hash === 'string' ? form.Hash : undefined;
    const entryId = reading.pick('EntryId')?.value;
    if (typeof entryId === 'string' || typeof entryId === 'number')
      reading.set('eventId', `wufoo:entry:${formKey ? `${formKey}:` : ''}${entryId}`, 'EntryId');
    // DateCreated ("2024-03-03 10:15:32") is the Wufoo account's wall clock without a zone (US Pacific
    // in deliveries seen): read as UTC it is hours off. The WebHook fires on submission, so the
    // receive time stands for it. Detection sees neither it nor FormStructure, whose Email is the site's.
    const { FormStructure: _form, FieldStructure: _fields, DateCreated: _created, ...answers } = post;
    return reading.detectIn(answers).done();
  },
};

/** A field's answers: its SubFields by their own labels (First, Last, City, Country), else its Title. */
function answersOf(field: unknown): FormAnswer[] {
  if (!isRecord(field) || typeof field.ID !== 'string' || !FIELD_ID.test(field.ID)) return [];
  const type = typeof field.Type === 'string' ? field.Type : '';
  const title = typeof field.Title === 'string' ? field.Title : '';
  const subs = Array.isArray(field.SubFields) ? field.SubFields.filter(isRecord) : [];
  if (subs.length > 0 && (type === 'shortname' || type === 'address')) {
    return subs.flatMap((sub) =>
      typeof sub.ID === 'string' && FIELD_ID.test(sub.ID) && typeof sub.Label === 'string'
        ? [{ label: type === 'shortname' ? `${sub.Label} name` : sub.Label, path: sub.ID }]
        : [],
    );
  }
  return subs.length > 0 ? [] : [{ label: title, path: field.ID, type }];
}
