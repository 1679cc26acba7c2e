// Runner side of bench/widget-swarm.ts: spawn a swarm process, connect it, and time one broadcast.
import type { SwarmCommand, SwarmReport } from '../widget-swarm.ts';
import { type Child, spawnNode } from './children.ts';

export interface Swarm {
  child: Child;
  connect(url: string, key: string, count: number): Promise<Extract<SwarmReport, { type: 'connected' }>>;
  /** Arms the receive clock; resolves once armed. `received` settles when all got it or on timeout. */
  arm(timeoutMs: number): Promise<{ received: Promise<Extract<SwarmReport, { type: 'received' }>> }>;
  count(): Promise<Extract<SwarmReport, { type: 'count' }>>;
  close(): Promise<void>;
}

const CONNECT_CONCURRENCY = 100;
const CONNECT_TIMEOUT_MS = 20_000;

export function startSwarm(name: string): Swarm {
  const child = spawnNode(name, ['bench/widget-swarm.ts'], { ipc: true });
  const waiters = new Map<SwarmReport['type'], Array<(report: SwarmReport) => void>>();
  child.process.on('message', (report: SwarmReport) => {
    const queue = waiters.get(report.type);
    queue?.shift()?.(report);
  });
  const next = <T extends SwarmReport['type']>(type: T, timeoutMs: number) =>
    new Promise<Extract<SwarmReport, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name}: no ${type} report within ${timeoutMs} ms`)), timeoutMs);
      const queue = waiters.get(type) ?? [];
      queue.push((report) => {
        clearTimeout(timer);
        resolve(report as Extract<SwarmReport, { type: T }>);
      });
      waiters.set(type, queue);
    });
  const send = (command: SwarmCommand) => child.process.send(command);
  return {
    child,
    connect(url, key, count) {
      const done = next('connected', 10 * 60_000);
      send({ type: 'connect', url, key, count, concurrency: CONNECT_CONCURRENCY, timeoutMs: CONNECT_TIMEOUT_MS });
      return done;
    },
    async arm(timeoutMs) {
      const armed = next('armed', 30_000);
      const received = next('received', timeoutMs + 30_000);
      send({ type: 'arm', timeoutMs });
      await armed;
      return { received };
    },
    count() {
      const done = next('count', 30_000);
      send({ type: 'count' });
      return done;
    },
    async close() {
      if (child.process.connected) send({ type: 'close' });
      await Promise.race([child.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      await child.stop(2000);
    },
  };
}
