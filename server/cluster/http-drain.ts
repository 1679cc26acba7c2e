// Closing an HTTP server that keep-alive clients are using. `server.close()` alone stops listening
// but leaves every busy keep-alive connection open, and Node keeps answering those with
// `Connection: keep-alive`: a sender posting webhooks in a loop never lets its connection go idle, so
// the process serves new requests until its grace period runs out and then cuts them. While draining:
// - a request already being read or answered is answered, with `Connection: close`, and the
//   connection is closed after that reply, so the client sends nothing more on it;
// - a connection with no request on it is closed at once; a request a client sends on it at that
//   moment is refused before any of it was read, which every HTTP client treats as retryable.
import type http from 'node:http';

export interface HttpDrain {
  /** Starts draining; `server.close()` (or Socket.IO's `io.close()`) stops the listening itself. */
  begin(): void;
}

export function trackHttpDrain(server: http.Server): HttpDrain {
  const inFlight = new Set<http.ServerResponse>();
  let draining = false;

  // Prepended, so it runs before Socket.IO's and the app's listeners and sees every request first.
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (draining) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      // A reply that went out before draining began said keep-alive: its connection is idle now.
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });

  return {
    begin() {
      if (draining) return;
      draining = true;
      for (const res of inFlight) {
        if (!res.headersSent) res.setHeader('Connection', 'close');
      }
      server.closeIdleConnections();
    },
  };
}
