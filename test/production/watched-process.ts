// Processes started the way an operator starts Proofhook (`npm start`, WORKERS=N), watched from
// outside through their output, their pids and their exit. Every child, and every process it starts
// (npm's node, the supervisor's workers), loads exit-with-test.mjs, so none outlives this test process.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { vi } from 'vitest';
import { TEST_TIMEOUT_MS } from '../support/wait.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const EXIT_WITH_TEST = path.join(import.meta.dirname, 'exit-with-test.mjs');

export interface WatchedProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
}

export function spawnWatched(command: string, args: string[], env: Record<string, string>): WatchedProcess {
  const nodeOptions = [process.env.NODE_OPTIONS, `--import ${EXIT_WITH_TEST}`].filter(Boolean).join(' ');
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DEMO: 'false',
      ...env,
      NODE_OPTIONS: nodeOptions,
      PROOFHOOK_TEST_OWNER_PID: String(process.pid),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    output: () => output,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
  };
}

/** Proofhook from its TypeScript sources, as the other process tests run it. */
export function spawnProofhook(env: Record<string, string>): WatchedProcess {
  return spawnWatched(process.execPath, ['--import', 'tsx', 'server/index.ts'], env);
}

/**
 * Resolves with the first value of `check` other than undefined or false (a check that throws is not
 * met yet); only the test's timeout bounds the wait. With `whileRunning`, fails as soon as that
 * process exits (with its output) instead of waiting out the test.
 */
export async function until<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  whileRunning?: WatchedProcess,
): Promise<T> {
  const exitedWhileWaiting = () =>
    new Error(`the process exited (${whileRunning?.child.exitCode}) while waited on:\n${whileRunning?.output()}`);
  if (whileRunning && !whileRunning.running()) throw exitedWhileWaiting();
  let gaveUp = false;
  const met = vi.waitFor(
    async () => {
      if (gaveUp) return undefined as T; // the process is gone: stop checking, nobody reads this
      const value = await check();
      if (value === undefined || value === false) throw new Error('not yet');
      return value;
    },
    { timeout: TEST_TIMEOUT_MS, interval: 50 },
  );
  if (!whileRunning) return met;
  const died = whileRunning.exited.then(() => {
    gaveUp = true;
    throw exitedWhileWaiting();
  });
  try {
    return await Promise.race([met, died]);
  } finally {
    gaveUp = true;
  }
}

/** Every JSON log line of the output, parsed. */
export function logLines(output: string): Array<Record<string, unknown>> {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/** Pids of the processes that have logged "Proofhook listening", in order. */
export function listeningPids(output: string): number[] {
  return logLines(output)
    .filter((line) => String(line.msg).startsWith('Proofhook listening'))
    .map((line) => line.pid as number);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A port nothing listens on right now, for servers that must keep one port across restarts. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function healthStatus(port: number): Promise<number | undefined> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
  } catch {
    return undefined;
  }
}
