// The checkout's root directory, found by walking up to package.json. Files the server reads at run
// time (migrations, built widget and admin) are addressed from here, so the same code works from
// server/*.ts under tsx and from the single bundled dist/server/index.js that `npm start` runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

export const projectPath = (...segments: string[]) => path.join(PROJECT_ROOT, ...segments);
