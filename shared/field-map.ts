// Types and constants only: the conversion fields a site owner may map to a body path of their own
// (server/senders/field-map.ts applies them; the admin's picker offers them).

export const MAPPABLE_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'city',
  'state',
  'stateCode',
  'country',
  'countryCode',
  'productName',
  'productLink',
  'productImage',
  'total',
  'currency',
  'timestamp',
  'eventId',
] as const;

export type MappableField = (typeof MAPPABLE_FIELDS)[number];
