// Debug-only console logging, and the guard that keeps every widget callback from throwing into the host page.

export interface Log {
  debug(...args: unknown[]): void;
}

const SILENT: Log = { debug() {} };

/** Logs through the page's console only when the embed tag asks for it (`data-debug`). */
export function createLog(enabled: boolean, output: Pick<Console, 'log'> | undefined = globalThis.console): Log {
  if (!enabled || !output) return SILENT;
  return {
    debug: (...args) => {
      try {
        output.log('[proofhook]', ...args);
      } catch {
        // A page may have replaced console with something that throws; logging is never worth an error.
      }
    },
  };
}

/** Wraps a callback (timer, socket handler, DOM listener) so that nothing it throws reaches the page. */
export function guard<A extends unknown[]>(log: Log, callback: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      callback(...args);
    } catch (error) {
      log.debug('error', error);
    }
  };
}
