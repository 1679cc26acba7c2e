// Size report for the embeddable widget: raw, gzip and brotli bytes; exits 1 over the gzip budget.
// Usage: node scripts/size.mjs [path]   (default dist/widget/widget.js; run `npm run build:widget` first)
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET_GZIP_BYTES = 18 * 1024;
const file = process.argv[2] ?? 'dist/widget/widget.js';

let source;
try {
  source = readFileSync(file);
} catch {
  console.error(`size: cannot read ${file}; build it first with npm run build:widget`);
  process.exit(1);
}

const gzip = gzipSync(source, { level: 9 }).length;
const brotli = brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

console.log(`${file}`);
console.log(`  raw     ${String(source.length).padStart(7)} B  ${kb(source.length)}`);
console.log(`  gzip    ${String(gzip).padStart(7)} B  ${kb(gzip)}  (budget ${kb(BUDGET_GZIP_BYTES)})`);
console.log(`  brotli  ${String(brotli).padStart(7)} B  ${kb(brotli)}`);

if (gzip > BUDGET_GZIP_BYTES) {
  console.error(`size: over budget by ${gzip - BUDGET_GZIP_BYTES} B gzip`);
  process.exit(1);
}
