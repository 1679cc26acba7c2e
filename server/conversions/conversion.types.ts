// A stored conversion (admin view: every normalized field) and the reads the features need.
import type { NormalizedConversion, ProductLine } from '../normalize/types.ts';

export interface Conversion {
  id: number;
  notificationId: number;
  siteId: number;
  deliveryId: number;
  receivedAt: number;
  /** When it happened (the normalized timestamp), epoch ms. */
  timestamp: number;
  dedupeKey: string | null;
  email?: string;
  firstName?: string;
  lastName?: string;
  nameDerived: boolean;
  ip?: string;
  city?: string;
  state?: string;
  stateCode?: string;
  country?: string;
  countryCode?: string;
  productName?: string;
  productLink?: string;
  productImage?: string;
  total?: number;
  currency?: string;
  products: ProductLine[];
  moreProducts: number;
  guid?: string;
  event?: string;
}

export interface ConversionQuery {
  limit: number;
  /** Keyset pagination: only ids below this one. */
  beforeId?: number;
  /** Only this exact email (case-insensitive). */
  email?: string;
  /**
   * Only conversions where this text appears, in any case, in the email, the name (first, last or
   * both), the product or the place (city, state, country).
   */
  text?: string;
}

export interface SiteConversionQuery {
  notificationIds: number[];
  /** Only conversions that happened at or after this time (epoch ms). */
  since: number;
  /** Only ids above this one (catch-up after a reconnect). */
  afterId?: number;
  limit: number;
}

export interface ConversionRepository {
  find(id: number): Promise<Conversion | undefined>;
  listByNotification(notificationId: number, query: ConversionQuery): Promise<Conversion[]>;
  /** Newest first. */
  listRecent(query: SiteConversionQuery): Promise<Conversion[]>;
  countSince(notificationId: number, since: number): Promise<number>;
  /** Retention: deletes conversions that happened before `before`. */
  purgeBefore(before: number): Promise<number>;
}

export type { NormalizedConversion };
