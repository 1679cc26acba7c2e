// A normalized conversion as PostgreSQL INSERT parameters (rows map to objects in *.rows.ts, shared with SQLite).
import type { NormalizedConversion } from '../normalize/types.ts';

/** The conversion columns after (notification_id, site_id, delivery_id, received_at), in INSERT order. */
export const CONVERSION_FIELD_COLUMNS = `occurred_at, dedupe_key, email, first_name, last_name, name_derived, ip, city,
  state, state_code, country, country_code, product_name, product_link, product_image, total, currency, products,
  more_products, guid, event`;

export function conversionFieldParams(c: NormalizedConversion, dedupeKey: string | null): unknown[] {
  return [
    c.timestamp,
    dedupeKey,
    c.email ?? null,
    c.firstName ?? null,
    c.lastName ?? null,
    c.nameDerived ? 1 : 0,
    c.ip ?? null,
    c.city ?? null,
    c.state ?? null,
    c.stateCode ?? null,
    c.country ?? null,
    c.countryCode ?? null,
    c.productName ?? null,
    c.productLink ?? null,
    c.productImage ?? null,
    c.total ?? null,
    c.currency ?? null,
    JSON.stringify(c.products),
    c.moreProducts,
    c.guid ?? null,
    c.event ?? null,
  ];
}
