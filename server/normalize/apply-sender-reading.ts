// Lays a sender profile's exact fields over what detection found: the profile wins field by field,
// and names, products and the paid/not-shown decision are taken from it as a whole when it has them.
import type { SenderReading } from '../senders/sender-profile.ts';
import { isPlausibleTime } from './parse-time.ts';
import type { FieldSources, NormalizedConversion, NormalizeResult } from './types.ts';

type Field = keyof NormalizedConversion;

/** Fields that belong together: when a profile sets one, detection's values for the others go too. */
const GROUPS: readonly (readonly Field[])[] = [
  ['firstName', 'lastName'],
  ['products', 'moreProducts', 'productName', 'productLink', 'productImage'],
  ['city', 'state', 'stateCode', 'country', 'countryCode'],
  ['orderStatus', 'notShownReason'],
];

export function applySenderReading(
  result: NormalizeResult,
  senderId: string,
  reading: SenderReading,
  receivedAt: number,
): void {
  const conversion = result.conversion as unknown as Record<string, unknown>;
  const sources = result.sources as Record<string, string | undefined>;
  const fields = reading.fields as Record<string, unknown>;
  for (const group of GROUPS) {
    if (!group.some((field) => fields[field] !== undefined)) continue;
    for (const field of group) {
      if (field === 'products') conversion.products = [];
      else if (field === 'moreProducts') conversion.moreProducts = 0;
      else delete conversion[field];
      delete sources[field];
    }
  }
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (field === 'timestamp' && !isPlausibleTime(value as number, receivedAt)) continue;
    conversion[field] = value;
    const source = (reading.sources as FieldSources)[field as Field];
    if (source !== undefined) sources[field] = source;
  }
  if (reading.noTime && fields.timestamp === undefined) {
    result.conversion.timestamp = receivedAt;
    delete sources.timestamp;
  }
  if (fields.firstName !== undefined || fields.lastName !== undefined) result.conversion.nameDerived = false;
  result.conversion.sender = senderId;
}
