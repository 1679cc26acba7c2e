// A stored conversion (admin view: every normalized field) and the reads the features need.
import type { Conversion, NormalizedConversion } from '../../shared/conversion.ts';

export type { Conversion, NormalizedConversion };

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
