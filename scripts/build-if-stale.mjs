// Runs before `npm start` (the `prestart` script): builds the parts of dist/ that are missing or older
// than their sources, and nothing else. So a fresh clone works with `npm install && npm start`, an
// edited checkout serves its edits, and every later start goes straight to `node dist/server/index.js`
// (a few milliseconds of stat calls here, no build).
//
// A production install has no build tools (`npm prune --omit=dev` removed them): there a missing
// part is an error that says how to build it, and a part that only looks older than its sources
// (copies that do not keep file times do that) is served as it is, with a warning.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Each part of the build: the file it writes last, what it is built from, and the script that builds it. */
const PARTS = [
  {
    output: 'dist/server/index.js',
    sources: ['server', 'shared', 'scripts/build-server.mjs'],
    script: 'build:server',
  },
  { output: 'dist/widget/widget.js', sources: ['widget/src', 'shared', 'vite.config.ts'], script: 'build:widget' },
  // The admin page imports a few server modules (the public view and the message template).
  { output: 'dist/admin/index.html', sources: ['admin', 'shared', 'server'], script: 'build:admin' },
];

/** Newest modification time of a file, or of any file under a directory; 0 when absent. */
function newestMtime(relative) {
  let stat;
  try {
    stat = fs.statSync(path.join(root, relative));
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(relative, entry.name)));
  }
  return newest;
}

function outputMtime(relative) {
  try {
    return fs.statSync(path.join(root, relative)).mtimeMs;
  } catch {
    return undefined;
  }
}

function buildToolsInstalled() {
  const require = createRequire(path.join(root, 'package.json'));
  try {
    require.resolve('vite/package.json');
    require.resolve('esbuild/package.json');
    return true;
  } catch {
    return false;
  }
}

const missing = [];
const stale = [];
for (const part of PARTS) {
  const built = outputMtime(part.output);
  if (built === undefined) missing.push(part);
  else if (Math.max(...part.sources.map(newestMtime)) > built) stale.push(part);
}

if (missing.length + stale.length > 0) {
  if (buildToolsInstalled()) {
    for (const part of [...missing, ...stale]) {
      console.log(
        `${part.output} is ${missing.includes(part) ? 'missing' : 'older than its sources'}: npm run ${part.script}`,
      );
      const run = spawnSync('npm', ['run', '--silent', part.script], { cwd: root, stdio: 'inherit' });
      if (run.status !== 0) process.exit(run.status ?? 1);
    }
  } else if (missing.length > 0) {
    const names = missing.map((part) => part.output).join(', ');
    console.error(
      `Not built: ${names}. The build tools are not installed here (a production install): ` +
        'build before pruning them, npm ci && npm run build && npm prune --omit=dev',
    );
    process.exit(1);
  } else {
    const names = stale.map((part) => part.output).join(', ');
    console.warn(`Older than their sources: ${names}. Serving them as built (no build tools here to rebuild them)`);
  }
}
