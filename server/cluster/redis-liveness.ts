// A Redis that keeps its TCP connections open but stops answering (a stopped or swapping server, a
// network path that drops packets without resetting) looks connected to the client: commands just
// wait, and no error ever comes. So the connection is probed with PING: no answer within the
// timeout counts as down, and the answer that finally comes counts as back.
export const LIVENESS_INTERVAL_MS = 2000;
export const LIVENESS_TIMEOUT_MS = 1000;

export interface LivenessProbe {
  /** True from a PING left unanswered past the timeout until it (or a later one) is answered. */
  isSilent(): boolean;
  stop(): void;
}

export function watchLiveness(
  target: { ping(): Promise<unknown>; isConnected(): boolean },
  /** `answered` follows every answer, so the owner can tell "back" from "still up". */
  on: { silent(): void; answered(): void },
  timing = { intervalMs: LIVENESS_INTERVAL_MS, timeoutMs: LIVENESS_TIMEOUT_MS },
): LivenessProbe {
  let silent = false;
  let waiting = false;

  const probe = () => {
    // One PING at a time: while one waits, more would only queue behind it in the same connection.
    if (waiting || !target.isConnected()) return;
    waiting = true;
    const timer = setTimeout(() => {
      if (silent) return;
      silent = true;
      on.silent();
    }, timing.timeoutMs);
    target.ping().then(
      () => {
        clearTimeout(timer);
        waiting = false;
        silent = false;
        on.answered();
      },
      () => {
        // The connection failed under the PING: the client's own events say so and reconnect.
        clearTimeout(timer);
        waiting = false;
        silent = false;
      },
    );
  };

  const interval = setInterval(probe, timing.intervalMs);
  interval.unref();
  return {
    isSilent: () => silent,
    stop: () => clearInterval(interval),
  };
}
