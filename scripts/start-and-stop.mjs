// One `npm start` as an operator's service manager sees it, for scripts/check-production-install.sh:
// time from `npm start` to a 200 on /healthz, the widget and the admin page served, then SIGTERM to
// the npm process, which must exit 0 with the server stopped (no node process left serving).
// Usage: node scripts/start-and-stop.mjs <label> <data dir>. Plain Node: it runs where devDependencies
// have been pruned.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const [label = 'npm start', dataDir = 'data'] = process.argv.slice(2);
/** A first start may build everything first; this is only where a broken start stops being waited on. */
const GIVE_UP_MS = 240_000;

function fail(message, output) {
  console.error(`${label}: ${message}${output ? `\n--- its output ---\n${output}` : ''}`);
  process.exit(1);
}

const port = await new Promise((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const base = `http://127.0.0.1:${port}`;

const startedAt = performance.now();
const npm = spawn('npm', ['start'], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
npm.stdout.on('data', (chunk) => {
  output += chunk;
});
npm.stderr.on('data', (chunk) => {
  output += chunk;
});
const exited = new Promise((resolve) => npm.on('exit', (code, signal) => resolve({ code, signal })));
let npmExited = false;
exited.then(() => {
  npmExited = true;
});

const status = (path) =>
  fetch(base + path).then(
    (res) => ({ status: res.status, type: res.headers.get('content-type') ?? '' }),
    () => undefined,
  );

let readyMs;
while (readyMs === undefined) {
  if ((await status('/healthz'))?.status === 200) readyMs = performance.now() - startedAt;
  else if (npmExited) fail('npm start exited before serving', output);
  else if (performance.now() - startedAt > GIVE_UP_MS) fail('nothing served /healthz', output);
  else await sleep(10);
}

const wanted = [
  ['/widget.js', 'javascript'],
  ['/admin/login', 'text/html'],
];
for (const [path, type] of wanted) {
  const answer = await status(path);
  if (answer?.status !== 200 || !answer.type.includes(type)) fail(`${path} answered ${JSON.stringify(answer)}`, output);
}

const listening = output
  .split('\n')
  .filter((line) => line.startsWith('{'))
  .map((line) => JSON.parse(line))
  .find((line) => line.port === port);
if (!listening) fail('no "listening" log line with the server pid', output);

npm.kill('SIGTERM');
const exit = await exited;
let serverAlive = true;
try {
  process.kill(listening.pid, 0);
} catch {
  serverAlive = false;
}
if (exit.code !== 0) fail(`npm exited with ${JSON.stringify(exit)} on SIGTERM`, output);
if (serverAlive) {
  process.kill(listening.pid, 'SIGKILL');
  fail(`the server (pid ${listening.pid}) was still running after npm exited`, output);
}
console.log(
  `${label}: npm start → /healthz 200 in ${(readyMs / 1000).toFixed(2)} s; /widget.js and /admin served; ` +
    'SIGTERM to npm: exit 0, server stopped',
);
