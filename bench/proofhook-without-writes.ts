// Rung (d) of the ingest figure as a child process (see bench/lib/without-writes.ts): Proofhook's
// server without the database write. Prints "reference listening on <url>" like the other references.
import { ADMIN_TOKEN, makeTempDir } from './lib/children.ts';
import { createServerWithoutWrites } from './lib/without-writes.ts';

const { httpServer } = await createServerWithoutWrites({
  dataDir: makeTempDir('proofhook-without-writes-'),
  adminToken: ADMIN_TOKEN,
});
httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`reference listening on http://127.0.0.1:${port}\n`);
});

// A normal exit on SIGTERM, like Proofhook's, so `--cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));
