// `npm start` as a service manager runs it: SIGTERM goes to the npm process, and must stop the server
// itself (npm's child is node, not a shell that would die and leave node serving), with exit code 0.
// Runs the built bundle (`npm test` builds first). `--ignore-scripts` skips the prestart check, so this
// test never rebuilds dist/ under the other tests; scripts/check-production-install.sh runs the
// whole `npm start`, build check included.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { makeDataDir } from '../support/server-process.ts';
import {
  ROOT,
  type WatchedProcess,
  healthStatus,
  isAlive,
  listeningPids,
  logLines,
  spawnWatched,
  until,
} from './watched-process.ts';

const started: WatchedProcess[] = [];
const dataDir = makeDataDir('proofhook-npm-start-');
afterAll(async () => {
  for (const each of started) if (each.running()) each.child.kill('SIGKILL');
  for (const pid of started.flatMap((each) => listeningPids(each.output())))
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('SIGTERM to `npm start` stops the server: npm exits 0 and no node process is left', async () => {
  expect(fs.existsSync(path.join(ROOT, 'dist/server/index.js')), 'run `npm run build` first').toBe(true);
  const npm = spawnWatched('npm', ['start', '--ignore-scripts'], { PORT: '0', DATA_DIR: dataDir });
  started.push(npm);
  const listening = await until(() => logLines(npm.output()).find((line) => line.port), npm);
  const serverPid = listening.pid as number;
  const port = listening.port as number;
  expect(serverPid).not.toBe(npm.child.pid);
  expect(await healthStatus(port)).toBe(200);

  npm.child.kill('SIGTERM');
  expect(await npm.exited).toEqual({ code: 0, signal: null });
  expect(isAlive(serverPid)).toBe(false);
  expect(await healthStatus(port)).toBeUndefined();
}, 60_000);
