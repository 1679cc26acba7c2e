// Child processes for the bench: every server and swarm runs as its own Node process with the same
// flags, on 127.0.0.1, and is killed when the runner exits for any reason.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const OUTPUT_TAIL_CHARS = 64 * 1024;

/** Every bench child dies with the runner. */
const PRELOAD_FLAGS = ['--import', pathToFileURL(path.join(ROOT, 'bench/exit-with-parent.mjs')).href];
/** Children written in TypeScript (references, swarms) also load tsx. */
const TYPESCRIPT_FLAGS = ['--import', 'tsx'];

/** What `npm start` runs: the bundled server (scripts/build-server.mjs), plain Node without tsx. */
export const SERVER_ENTRY = 'dist/server/index.js';

/** Bundles the server from the current sources (~0.3 s), so every phase measures this checkout. */
export function buildServer(): void {
  const build = spawnSync('npm', ['run', 'build:server'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (build.status !== 0) throw new Error(`npm run build:server failed:\n${build.stdout}\n${build.stderr}`);
}

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (so --cpu-prof gets written), then SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
}

const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();

function killAll() {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {}
  }
  live.clear();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
process.on('exit', killAll);

export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function spawnNode(
  name: string,
  args: string[],
  options: { env?: Record<string, string>; extraFlags?: string[]; ipc?: boolean; typescript?: boolean } = {},
): Child {
  const flags = options.typescript === false ? PRELOAD_FLAGS : [...TYPESCRIPT_FLAGS, ...PRELOAD_FLAGS];
  const child = spawn(process.execPath, [...flags, ...(options.extraFlags ?? []), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: options.ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > OUTPUT_TAIL_CHARS * 2) output = output.slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  const stop = async (graceMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { name, process: child, pid: child.pid ?? -1, output: () => output, exited, stop };
}

/** Resolves with the first match of `pattern` in the child's output. */
export function waitForOutput(child: Child, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(child.output());
      if (match) {
        cleanup();
        resolve(match);
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${child.name}: no ${pattern} within ${timeoutMs} ms:\n${child.output().slice(-4000)}`));
    }, timeoutMs);
    const onExit = () => {
      cleanup();
      reject(new Error(`${child.name} exited during start:\n${child.output().slice(-4000)}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.process.stdout?.off('data', check);
      child.process.off('exit', onExit);
    };
    child.process.stdout?.on('data', check);
    child.process.once('exit', onExit);
    check();
  });
}

export interface RunningServer extends Child {
  url: string;
}

/** Limits lifted so the bench measures the server, not its abuse protection. */
export const LIFTED_LIMITS = {
  WEBHOOK_RATE_PER_SECOND: '100000',
  WEBHOOK_BURST: '1000000',
  WIDGETS_PER_IP: '1000000',
  WIDGETS_PER_SITE: '1000000',
};

/** The real server (the bundle buildServer() made) on a fresh data directory, as `npm start` runs it. */
export async function startProofhook(options: { extraFlags?: string[]; env?: Record<string, string> } = {}) {
  const dataDir = makeTempDir('proofhook-bench-');
  const child = spawnNode('proofhook', [SERVER_ENTRY], {
    typescript: false,
    extraFlags: options.extraFlags,
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...LIFTED_LIMITS,
      ...options.env,
    },
  });
  const match = await waitForOutput(child, /Proofhook is running: (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
  return { ...child, url: match[1] as string, dataDir };
}

/** A reference server from bench/ (prints "reference listening on <url>"). */
export async function startReference(
  file: string,
  args: string[] = [],
  extraFlags: string[] = [],
): Promise<RunningServer> {
  const child = spawnNode(path.basename(file, '.ts'), [file, ...args], { extraFlags });
  const match = await waitForOutput(child, /reference listening on (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
  return { ...child, url: match[1] as string };
}

async function adminPost(url: string, body: object): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 201) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Creates a site and a stream notification through the admin API, as a user would. */
export async function createStreamNotification(baseUrl: string) {
  const site = await adminPost(`${baseUrl}/api/sites`, { name: 'Bench Shop' });
  const notification = await adminPost(`${baseUrl}/api/sites/${site.id}/notifications`, {
    name: 'Recent purchases',
    kind: 'stream',
  });
  return { widgetKey: site.widgetKey as string, hookPath: `/hooks/${notification.ingestToken as string}` };
}

/** Resident set size of a process, from /proc (Linux). */
export function readRssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) * 1024;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function readCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
