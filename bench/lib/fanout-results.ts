// The shapes of the fan-out figures (2 and 3) that bench/lib/fanout.ts measures and the report prints.
import type { LoadResult } from './load.ts';

export interface AckLoadSettings {
  ratePerSecond: number;
  durationS: number;
  rounds: number;
}

export interface FanoutSettings {
  counts: number[];
  broadcasts: number;
  ackLoad: AckLoadSettings;
  /** Where the servers' raw .cpuprofile files are copied (bench/report.*, git-ignored). */
  profilePrefix: string;
}

export interface BroadcastResult {
  /** POST → its 200. */
  ackMs: number;
  /** POST → the last widget receiving `conversion:created`. */
  lastMs: number;
  p50Ms: number;
  p99Ms: number;
  received: number;
  missing: number;
  /** CPU the server used from the POST until every widget had the conversion (10 ms ticks). */
  serverCpuMs: number;
}

export interface TargetAtCount {
  connected: number;
  failed: number;
  firstError?: string;
  /** Time to open this step's new connections, and the rate. */
  connectMs: number;
  connectsPerSecond: number;
  /** Server CPU per new connection during this step (handshake, snapshot, anything it triggers). */
  connectServerCpuMs: number;
  /** `visitors:updated` pushes received during this step, per widget connected at its end. */
  visitorsUpdatesPerWidget: number;
  rssIdleBytes: number;
  rssBytes: number;
  rssPerClientBytes: number;
  broadcasts: BroadcastResult[];
  medians: { ackMs: number; lastMs: number; p50Ms: number; p99Ms: number; serverCpuMs: number };
}

export interface FanoutAtCount {
  count: number;
  reference: TargetAtCount;
  proofhook: TargetAtCount;
  /** Median over rounds of Proofhook's POST→last / the reference's, each pair back to back. */
  ratioLast: number;
}

export interface AckUnderFanout {
  count: number;
  settings: AckLoadSettings;
  /** Same load, same server, before any widget connected. */
  baseline: LoadResult;
  rounds: Array<{
    reference: LoadResult;
    proofhook: LoadResult;
    deliveredReference: number;
    deliveredProofhook: number;
  }>;
  medians: { referenceP99Ms: number; proofhookP99Ms: number; proofhookP50Ms: number; referenceP50Ms: number };
  aborted?: string;
}

export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

export interface FanoutResult {
  counts: FanoutAtCount[];
  ack?: AckUnderFanout;
  /** Raw main-thread profiles of both servers, and the windows of the largest fan-out and of figure 3. */
  profiles: { proofhookFile?: string; referenceFile?: string; fanoutWindow?: ProfileWindow; ackWindow?: ProfileWindow };
}
