// The normalized fields that describe who converted, where and on what, in the order every list of
// them uses: the inspector's detected fields (admin/src/delivery-view.ts) and the CSV export's
// columns (server/imports/export-csv.ts).
import type { Conversion } from './conversion.ts';

/** Who: the fields a popup's person is made of. */
export const PERSON_FIELDS = ['email', 'firstName', 'lastName'] as const;
/** Where, as the normalizer finds it in an address or from the IP. */
export const PLACE_FIELDS = ['city', 'state', 'stateCode', 'country', 'countryCode'] as const;
/** What was bought, and for how much. */
export const ORDER_FIELDS = ['productName', 'productLink', 'productImage', 'total', 'currency'] as const;

export const CONVERSION_FIELDS = [
  ...PERSON_FIELDS,
  'nameDerived',
  'ip',
  ...PLACE_FIELDS,
  ...ORDER_FIELDS,
  'products',
  'moreProducts',
  'guid',
] as const satisfies readonly (keyof Conversion)[];
