// Types only: a conversion as the normalizer reads it from a payload, and as the server stores it
// and the admin API returns it (GET /api/notifications/:id/conversions). One declaration, used by
// the server, the admin and the preview, so the three cannot drift apart.

export interface ProductLine {
  name?: string;
  link?: string;
  id?: string;
  image?: string;
  /** Unit price in major currency units. */
  price?: number;
  quantity?: number;
}

/** The normalized conversion in the Proofhook conversion format. */
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

/** Read while deciding what to store, not stored with the conversion (the delivery keeps them). */
type ReadingOnly = 'orderStatus' | 'notShownReason' | 'eventId' | 'sender';

/** A stored conversion: every normalized field worth keeping, and where it came from. */
export interface Conversion extends Omit<NormalizedConversion, ReadingOnly> {
  id: number;
  notificationId: number;
  siteId: number;
  deliveryId: number;
  receivedAt: number;
  dedupeKey: string | null;
}

/** GET /api/notifications/:id/conversions: newest first. */
export interface ConversionPage {
  conversions: Conversion[];
  /** null when no older conversion (that matches the search) is left. */
  nextBeforeId: number | null;
}
