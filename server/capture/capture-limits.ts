// How many captured forms are taken, per client address and per site: token buckets in this
// process's memory (server/ingest/rate-limiter.ts). A person sends a sign-up form once, maybe twice
// after a typo; a script replaying the event is what these stop.

export interface CaptureLimits {
  /** Forms per second from one client address, sustained, and how many may come at once. */
  perAddressPerSecond: number;
  perAddressBurst: number;
  /** Forms per second for one site from everyone, sustained, and how many may come at once. */
  perSitePerSecond: number;
  perSiteBurst: number;
}

export const DEFAULT_CAPTURE_LIMITS: CaptureLimits = {
  // One form every 10 s, 5 at once: an office or carrier NAT shares an address, a person retries.
  perAddressPerSecond: 0.1,
  perAddressBurst: 5,
  // 2/s is 7,200 sign-ups an hour, far above a launch day's forms; 100 at once for a newsletter spike.
  perSitePerSecond: 2,
  perSiteBurst: 100,
};
