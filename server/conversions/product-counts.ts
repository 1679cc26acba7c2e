// Product counters: how many of a notification's conversions have a product link with a given path
// (migration 0005 indexes it). One count query per page view, never a row: only the number leaves.
export interface ProductCounts {
  /** Conversions of the notification received at or after `since` whose product link path is `path`. */
  countSince(notificationId: number, path: string, since: number): Promise<number>;
}
