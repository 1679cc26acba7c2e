// Preloaded (`--import`) into every bench child: exits when the runner's stdin pipe closes, so a
// killed or crashed runner never leaves a server or a widget swarm behind.
if (!process.stdin.isTTY) {
  process.stdin.on('data', () => {});
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
}
