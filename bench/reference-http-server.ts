// Reference (a) for the ingest figure: the physical limit of this machine for "receive a webhook".
// A bare node:http server that reads the body, parses it (JSON.parse, or URLSearchParams for the
// form-encoded twin) and answers 200. With `--sqlite <file>` it also commits one row per request,
// with the same pragmas as the real server (the "bare node:http + one insert" rung of the ladder).
import http from 'node:http';
import Database from 'better-sqlite3';

const sqliteIndex = process.argv.indexOf('--sqlite');
const sqliteFile = sqliteIndex >= 0 ? process.argv[sqliteIndex + 1] : undefined;

let insert: ((body: string, receivedAt: number) => void) | undefined;
if (sqliteFile) {
  const db = new Database(sqliteFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'CREATE TABLE IF NOT EXISTS deliveries (id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, body TEXT NOT NULL)',
  );
  const statement = db.prepare('INSERT INTO deliveries (received_at, body) VALUES (?, ?)');
  insert = (body, receivedAt) => {
    statement.run(receivedAt, body);
  };
}

const REPLY = '{"ok":true,"status":"accepted"}';

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    let value: unknown;
    try {
      value = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
        ? Object.fromEntries(new URLSearchParams(text))
        : JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (value === undefined) {
      res.writeHead(400).end();
      return;
    }
    insert?.(text, Date.now());
    res.writeHead(200, { 'content-type': 'application/json' }).end(REPLY);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`reference listening on http://127.0.0.1:${port}\n`);
});

// A normal exit on SIGTERM, like Proofhook's, so `--cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));
