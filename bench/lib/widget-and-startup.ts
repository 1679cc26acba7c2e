// Figure 4: the widget's bytes (raw, gzip, brotli, as scripts/size.mjs counts them) and the
// server's start time: process spawn → first 200 from /healthz, on a fresh data directory.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { findCpuProfile } from './cpu-profile.ts';
import { ADMIN_TOKEN, freePort, makeTempDir, ROOT, SERVER_ENTRY, sleep, spawnNode } from './children.ts';
import { median } from './stats.ts';

export const WIDGET_FILE = path.join(ROOT, 'dist/widget/widget.js');

export interface WidgetSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
  built: boolean;
}

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the widget when dist/ is missing or older than widget/ (a fresh clone has no dist/). */
export function measureWidget(log: (line: string) => void): WidgetSize {
  const sources = Math.max(
    newestMtimeMs(path.join(ROOT, 'widget')),
    fs.statSync(path.join(ROOT, 'vite.config.ts')).mtimeMs,
  );
  let built = false;
  if (!fs.existsSync(WIDGET_FILE) || fs.statSync(WIDGET_FILE).mtimeMs < sources) {
    log('  building the widget (npm run build:widget)');
    const build = spawnSync('npm', ['run', 'build:widget'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    if (build.status !== 0) throw new Error(`npm run build:widget failed:\n${build.stdout}\n${build.stderr}`);
    built = true;
  }
  const source = fs.readFileSync(WIDGET_FILE);
  return {
    file: path.relative(ROOT, WIDGET_FILE),
    rawBytes: source.length,
    gzipBytes: gzipSync(source, { level: 9 }).length,
    brotliBytes: brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    built,
  };
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 500 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

const STARTUP_TIMEOUT_MS = 30_000;
const POLL_MS = 5;

/** One start: spawn → first 200 on /healthz, in ms. */
async function startOnce(extraFlags: string[] = []): Promise<{ ms: number; pid: number; readyAtUs: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawnNode('proofhook-startup', [SERVER_ENTRY], {
    typescript: false,
    extraFlags,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: makeTempDir('proofhook-startup-'),
      ADMIN_TOKEN,
      DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
  });
  try {
    while (performance.now() - started < STARTUP_TIMEOUT_MS) {
      if (child.process.exitCode !== null) throw new Error(`server exited during start:\n${child.output()}`);
      if (await healthy(port)) {
        return { ms: performance.now() - started, pid: child.pid, readyAtUs: Number(process.hrtime.bigint() / 1000n) };
      }
      await sleep(POLL_MS);
    }
    throw new Error(`server not healthy within ${STARTUP_TIMEOUT_MS} ms:\n${child.output()}`);
  } finally {
    await child.stop();
  }
}

export interface StartupResult {
  /** The first start after a build: the OS page cache may be cold for node_modules (not in the median). */
  coldMs: number;
  runs: number[];
  medianMs: number;
}

export async function measureStartup(runs: number): Promise<StartupResult> {
  // The first start may find the page cache cold; it is reported apart from the median.
  const cold = await startOnce();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await startOnce()).ms);
  return { coldMs: cold.ms, runs: times, medianMs: median(times) };
}

export async function profileStartup(
  profilePath: string,
): Promise<{ file: string; window: { fromUs: number; toUs: number } } | undefined> {
  const dir = makeTempDir('bench-startup-prof-');
  const { pid, readyAtUs } = await startOnce(['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const file = findCpuProfile(dir, pid);
  if (!file) return undefined;
  fs.copyFileSync(file, profilePath);
  return { file: profilePath, window: { fromUs: 0, toUs: readyAtUs } };
}
