// The widget side of the fan-out figure, run as its own process: opens N socket.io-client connections
// (websocket transport, one Manager each, as N browsers would) to a widget namespace, then records
// when each one receives `conversion:created`. Talks to the runner over IPC (see SwarmCommand).
import { type Socket, io as connect } from 'socket.io-client';

export type SwarmCommand =
  | { type: 'connect'; url: string; key: string; count: number; concurrency: number; timeoutMs: number }
  | { type: 'arm'; timeoutMs: number }
  | { type: 'count' }
  | { type: 'close' };

export type SwarmReport =
  | { type: 'connected'; connected: number; failed: number; ms: number; firstError?: string }
  | { type: 'armed' }
  | { type: 'received'; times: number[]; missing: number }
  | { type: 'count'; received: number; connected: number; visitorsUpdates: number };

/** Monotonic milliseconds, comparable across processes on one machine (CLOCK_MONOTONIC). */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

const sockets: Socket[] = [];
let totalReceived = 0;
/** `visitors:updated` broadcasts received by all sockets: what the server pushes while widgets come and go. */
let visitorsUpdates = 0;
let armed: { times: Float64Array; seen: Uint8Array; count: number; timer: NodeJS.Timeout } | undefined;

const send = (report: SwarmReport) => process.send?.(report);

function finishArmed() {
  if (!armed) return;
  clearTimeout(armed.timer);
  const times: number[] = [];
  let missing = 0;
  for (let i = 0; i < armed.seen.length; i++) {
    if (armed.seen[i] === 1) times.push(armed.times[i] as number);
    else if (armed.seen[i] === 0) missing++;
  }
  armed = undefined;
  send({ type: 'received', times, missing });
}

function openOne(url: string, key: string, index: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(`${url}/widget`, {
      auth: { key },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: timeoutMs,
    });
    const timer = setTimeout(() => {
      socket.close();
      resolve('no widget:ready in time');
    }, timeoutMs);
    socket.once('widget:ready', () => {
      clearTimeout(timer);
      sockets[index] = socket;
      resolve(undefined);
    });
    socket.once('connect_error', (error: Error) => {
      clearTimeout(timer);
      socket.close();
      resolve(error.message);
    });
    socket.on('visitors:updated', () => {
      visitorsUpdates++;
    });
    socket.on('conversion:created', () => {
      totalReceived++;
      if (armed && armed.seen[index] === 0) {
        armed.times[index] = monotonicMs();
        armed.seen[index] = 1;
        if (++armed.count === armed.seen.length) finishArmed();
      }
    });
  });
}

async function connectAll(command: Extract<SwarmCommand, { type: 'connect' }>) {
  const started = monotonicMs();
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < command.count) {
      const index = next++;
      const error = await openOne(command.url, command.key, index, command.timeoutMs);
      if (error) {
        failed++;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(command.concurrency, command.count) }, worker));
  const connected = sockets.filter(Boolean).length;
  send({ type: 'connected', connected, failed, ms: monotonicMs() - started, firstError });
}

process.on('message', (command: SwarmCommand) => {
  switch (command.type) {
    case 'connect':
      void connectAll(command);
      break;
    case 'arm': {
      const size = sockets.length;
      armed = {
        times: new Float64Array(size),
        // 0 waiting, 1 received, 2 a slot whose connection failed (never waited for).
        seen: Uint8Array.from({ length: size }, (_, i) => (sockets[i] ? 0 : 2)),
        count: 0,
        timer: setTimeout(finishArmed, command.timeoutMs),
      };
      armed.count = armed.seen.filter((seen) => seen === 2).length;
      send({ type: 'armed' });
      if (armed.count === size) finishArmed();
      break;
    }
    case 'count':
      send({
        type: 'count',
        received: totalReceived,
        connected: sockets.filter((s) => s?.connected).length,
        visitorsUpdates,
      });
      break;
    case 'close':
      for (const socket of sockets) socket?.close();
      setTimeout(() => process.exit(0), 200).unref();
      break;
  }
});
process.on('disconnect', () => process.exit(0));
