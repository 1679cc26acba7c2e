// Types and constants only: the conversion fields a site owner may map to a body path of their own
// (server/senders/field-map.ts applies them; the admin's picker offers them).
import { ORDER_FIELDS, PERSON_FIELDS, PLACE_FIELDS } from './conversion-fields.ts';

export const MAPPABLE_FIELDS = [...PERSON_FIELDS, ...PLACE_FIELDS, ...ORDER_FIELDS, 'timestamp', 'eventId'] as const;

export type MappableField = (typeof MAPPABLE_FIELDS)[number];
