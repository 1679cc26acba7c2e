// Maps conversion rows to Conversion objects; shared by the repository and the ingest transaction.
import type { Conversion } from './conversion.types.ts';

export interface ConversionRow {
  id: number;
  notification_id: number;
  site_id: number;
  delivery_id: number;
  received_at: number;
  occurred_at: number;
  dedupe_key: string | null;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  name_derived: number;
  ip: string | null;
  city: string | null;
  state: string | null;
  state_code: string | null;
  country: string | null;
  country_code: string | null;
  product_name: string | null;
  product_link: string | null;
  product_image: string | null;
  total: number | null;
  currency: string | null;
  products: string;
  more_products: number;
  guid: string | null;
  event: string | null;
}

/** A LIKE pattern that finds `text` anywhere, its own % and _ taken literally (escaped with a backslash). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function toConversion(row: ConversionRow): Conversion {
  return {
    id: row.id,
    notificationId: row.notification_id,
    siteId: row.site_id,
    deliveryId: row.delivery_id,
    receivedAt: row.received_at,
    timestamp: row.occurred_at,
    dedupeKey: row.dedupe_key,
    email: orUndefined(row.email),
    firstName: orUndefined(row.first_name),
    lastName: orUndefined(row.last_name),
    nameDerived: row.name_derived === 1,
    ip: orUndefined(row.ip),
    city: orUndefined(row.city),
    state: orUndefined(row.state),
    stateCode: orUndefined(row.state_code),
    country: orUndefined(row.country),
    countryCode: orUndefined(row.country_code),
    productName: orUndefined(row.product_name),
    productLink: orUndefined(row.product_link),
    productImage: orUndefined(row.product_image),
    total: orUndefined(row.total),
    currency: orUndefined(row.currency),
    products: JSON.parse(row.products),
    moreProducts: row.more_products,
    guid: orUndefined(row.guid),
    event: orUndefined(row.event),
  };
}
