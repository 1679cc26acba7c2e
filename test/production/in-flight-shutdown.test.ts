// SIGTERM while a webhook's body is still on its way: the server has begun that request, so it reads
// the rest, stores the delivery and answers 200 with `Connection: close`, then closes the connection
// and exits 0. Deterministic: the client sends `Expect: 100-continue` (as curl does for larger bodies),
// and Node answers "100 Continue" only once it has read the headers and handed the request to the
// app; the client then sends half the body, the signal goes out, the rest follows only after the
// server has logged that it is shutting down.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { makeDataDir } from '../support/server-process.ts';
import { type WatchedProcess, logLines, spawnProofhook, until } from './watched-process.ts';

const ADMIN_TOKEN = 'in-flight-shutdown-admin-token';
const dataDir = makeDataDir('proofhook-in-flight-');
let server: WatchedProcess | undefined;
afterAll(() => {
  if (server?.running()) server.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The final response in what the server sent (after any interim 100 Continue). */
function parseLastResponse(raw: string): RawResponse {
  const final = raw.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
  const [head = '', body = ''] = final.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

async function createWebhook(port: number): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const headers = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
  const site = (await (
    await fetch(`${base}/api/sites`, { method: 'POST', headers, body: '{"name":"Shop"}' })
  ).json()) as { id: number };
  const notification = (await (
    await fetch(`${base}/api/sites/${site.id}/notifications`, { method: 'POST', headers, body: '{"name":"Buys"}' })
  ).json()) as { ingestToken: string };
  return notification.ingestToken;
}

test('a webhook whose body is still arriving at SIGTERM is read, stored and answered 200 with Connection: close; exit 0', async () => {
  server = spawnProofhook({ DATA_DIR: dataDir, PORT: '0', ADMIN_TOKEN });
  const running = server;
  const listening = await until(() => logLines(running.output()).find((line) => line.port), running);
  const port = listening.port as number;
  // The listening line names the effective TRUST_PROXY (unset here: no proxy trusted).
  expect(listening.trustProxy).toBe(false);
  const token = await createWebhook(port);

  const body = JSON.stringify({
    guid: 'in-flight-1',
    email: 'maria@example.com',
    firstName: 'Maria',
    productName: 'Sneakers',
  });
  const half = Math.floor(body.length / 2);
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
  });
  const closedByServer = new Promise<void>((resolve) => socket.once('end', resolve));
  socket.write(
    `POST /hooks/${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\nExpect: 100-continue\r\n\r\n`,
  );
  await until(() => received.startsWith('HTTP/1.1 100 Continue\r\n\r\n'), running);
  socket.write(body.slice(0, half));

  running.child.kill('SIGTERM');
  await until(() => logLines(running.output()).some((line) => line.msg === 'shutting down'), running);
  socket.write(body.slice(half));

  await closedByServer;
  const response = parseLastResponse(received);
  expect(response.status).toBe(200);
  expect(response.headers.connection).toBe('close');
  expect(JSON.parse(response.body)).toEqual({ ok: true, status: 'accepted' });
  expect(await running.exited).toEqual({ code: 0, signal: null });
  socket.destroy();

  const db = new Database(path.join(dataDir, 'proofhook.db'), { readonly: true });
  const stored = db
    .prepare(
      `SELECT d.outcome AS outcome, CAST(d.body AS TEXT) AS body, c.guid AS guid
       FROM delivery d LEFT JOIN conversion c ON c.delivery_id = d.id`,
    )
    .all();
  db.close();
  expect(stored).toEqual([{ outcome: 'accepted', body, guid: 'in-flight-1' }]);
}, 60_000);
