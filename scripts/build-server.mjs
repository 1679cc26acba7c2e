// Bundles server/ (our TypeScript only; every npm package stays external and loads from node_modules)
// into dist/server/index.js (plus chunks loaded on demand), so `npm start` runs plain Node: no TypeScript loader to boot, one file
// to read instead of ~150 modules. Start → ready is one of the benchmark's targets.
import { build } from 'esbuild';

await build({
  entryPoints: ['server/index.ts'],
  outdir: 'dist/server',
  // Code behind a dynamic import() (PostgreSQL, Redis) goes to its own chunk, loaded only when used.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
