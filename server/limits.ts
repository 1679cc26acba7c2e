// Abuse limits, with defaults generous enough for a launch-day spike and tight enough for a flood.
export interface Limits {
  /** Sustained webhook requests per second per notification. */
  webhookRatePerSecond: number;
  /** Webhook requests per notification that may arrive at once. */
  webhookBurst: number;
  /** Open widget connections from one IP address. */
  widgetsPerIp: number;
  /** Open widget connections for one site (on this process). */
  widgetsPerSite: number;
}

export const DEFAULT_LIMITS: Limits = {
  // 50/s is 180,000 an hour: far above any real store, far below what would hurt the disk.
  webhookRatePerSecond: 50,
  webhookBurst: 500,
  // An office or a mobile carrier NAT puts many visitors behind one address.
  widgetsPerIp: 200,
  widgetsPerSite: 50_000,
};
