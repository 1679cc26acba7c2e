// The normalized fields that describe who converted, where and on what, in the order every list of
// them uses: the inspector's detected fields (admin/src/delivery-view.ts) and the CSV export's
// columns (server/imports/export-csv.ts).
import type { Conversion } from './conversion.ts';

export const CONVERSION_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'nameDerived',
  'ip',
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
  'products',
  'moreProducts',
  'guid',
] as const satisfies readonly (keyof Conversion)[];
