// The normalized conversion in the Proofhook conversion format, plus where each field was found.

export interface ProductLine {
  name?: string;
  link?: string;
  id?: string;
  image?: string;
  /** Unit price in major currency units. */
  price?: number;
  quantity?: number;
}

export interface NormalizedConversion {
  email?: string;
  firstName?: string;
  lastName?: string;
  /** True when the names were guessed from the email's local part rather than sent. */
  nameDerived: boolean;
  ip?: string;
  city?: string;
  country?: string;
  countryCode?: string;
  state?: string;
  stateCode?: string;
  productName?: string;
  productLink?: string;
  productImage?: string;
  /** Order total in major currency units. */
  total?: number;
  /** Upper-case ISO 4217. */
  currency?: string;
  /** Every line item found, in the sender's order. */
  products: ProductLine[];
  /** How many line items there were besides the one displayed. */
  moreProducts: number;
  guid?: string;
  /** When the conversion happened, epoch ms (the receive time when absent or absurd). */
  timestamp: number;
  /** The sender's event name when the payload carries one (Kajabi `purchase`, `order_created`…). */
  event?: string;
  /** Lower-case order or payment status when the payload carries one. */
  orderStatus?: string;
  /** Set when the payload is a real event that must not be displayed (an unpaid order…). */
  notShownReason?: string;
  /** A sender-assigned event id usable for dedupe (Kajabi's top-level id, Stripe's evt_ id). */
  eventId?: string;
  /** The sender profile that read the body (`shopify`, `paypal-ipn`); absent when detection alone did. */
  sender?: string;
}

/** Where each field came from, as a path into the payload: `email ← data.customer.email`. */
export type FieldSources = Partial<Record<keyof NormalizedConversion, string>>;

export interface NormalizeResult {
  conversion: NormalizedConversion;
  sources: FieldSources;
}

/** Geo-IP as the normalizer sees it: injected so normalization stays pure and testable. */
export interface GeoResult {
  city?: string;
  countryCode?: string;
  /** ISO 3166-2 subdivision code without the country prefix, e.g. `FL`. */
  stateCode?: string;
}
