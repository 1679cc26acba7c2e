// Preloaded (`--import`) into every bench child: exits when the runner's stdin pipe closes, so a
// killed or crashed runner never leaves a server or a widget swarm behind. Worker threads started
// from a file run the preload too, with a stdin of their own that ends at once: only the main
// thread watches (the SQLite writer-thread experiment was silently ended by this, docs/benchmarks.md).
import { isMainThread } from 'node:worker_threads';

if (isMainThread && !process.stdin.isTTY) {
  process.stdin.on('data', () => {});
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
}
