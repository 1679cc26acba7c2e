// SIGTERM in the middle of webhook load from keep-alive clients (what senders' HTTP clients are), on
// SQLite and on PostgreSQL + Redis. Every request either gets its answer (200, and its conversion is
// stored) or is refused before the server read any of it (no answer, nothing stored); none is cut
// after being read, new connections are refused, and the process exits 0 by itself.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { TEST_DATABASE_URL, createTestSchema } from '../support/postgres.ts';
import { TEST_REDIS_URL, testRedisPrefix } from '../support/redis.ts';
import { makeDataDir } from '../support/server-process.ts';
import { type WatchedProcess, logLines, spawnProofhook, until } from './watched-process.ts';

const ADMIN_TOKEN = 'shutdown-test-admin-token';
const CLIENTS = 16;
/** Answered webhooks before the SIGTERM: the load is well under way. */
const ANSWERED_BEFORE_SIGTERM = 200;

type Outcome =
  | { guid: string; kind: 'answered'; status: number }
  | { guid: string; kind: 'refused'; code: string }
  | { guid: string; kind: 'cut'; code: string };

/** One POST on `agent`: answered in full, refused before any response byte, or cut after some. */
function postWebhook(agent: http.Agent, port: number, token: string, guid: string): Promise<Outcome> {
  const body = JSON.stringify({ guid, email: `${guid}@example.com`, firstName: 'Maria', productName: 'Sneakers' });
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: `/hooks/${token}`, method: 'POST', agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        resolve({ guid, kind: 'answered', status: res.statusCode ?? 0 });
      });
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ guid, kind: 'cut', code: error.code ?? 'aborted' }));
    });
    req.setHeader('Content-Type', 'application/json');
    req.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ guid, kind: 'refused', code: error.code ?? error.message });
    });
    req.end(body);
  });
}

/** Posts in a loop on one keep-alive connection (a new one when the server closed it) until connections are refused. */
async function keepPosting(index: number, port: number, token: string, outcomes: Outcome[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let n = 0; ; n += 1) {
    const outcome = await postWebhook(agent, port, token, `client${index}-request${n}`);
    outcomes.push(outcome);
    if (outcome.kind === 'refused' && outcome.code === 'ECONNREFUSED') break;
  }
  agent.destroy();
}

interface Backend {
  name: string;
  skip: boolean;
  start(): Promise<{ server: WatchedProcess; storedGuids(): Promise<{ delivered: string[]; converted: string[] }> }>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const guidOf = (body: string) => (JSON.parse(body) as { guid: string }).guid;

const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    async start() {
      const dataDir = makeDataDir('proofhook-shutdown-');
      cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      const server = spawnProofhook({ DATA_DIR: dataDir, ...limits() });
      cleanups.push(() => void (server.running() && server.child.kill('SIGKILL')));
      return {
        server,
        async storedGuids() {
          const db = new Database(path.join(dataDir, 'proofhook.db'), { readonly: true });
          const rows = db
            .prepare(
              'SELECT CAST(d.body AS TEXT) AS body, c.id AS conversion FROM delivery d LEFT JOIN conversion c ON c.delivery_id = d.id',
            )
            .all() as Array<{ body: string; conversion: number | null }>;
          db.close();
          return split(rows);
        },
      };
    },
  },
  {
    name: 'PostgreSQL + Redis',
    skip: !TEST_DATABASE_URL || !TEST_REDIS_URL,
    async start() {
      const schema = await createTestSchema();
      cleanups.push(() => schema.drop());
      const dataDir = makeDataDir('proofhook-shutdown-');
      cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      const server = spawnProofhook({
        DATA_DIR: dataDir,
        DATABASE_URL: schema.url,
        REDIS_URL: TEST_REDIS_URL as string,
        REDIS_PREFIX: testRedisPrefix(),
        ...limits(),
      });
      cleanups.push(() => void (server.running() && server.child.kill('SIGKILL')));
      return {
        server,
        async storedGuids() {
          const { rows } = await schema.pool.query<{ body: string; conversion: number | null }>(
            "SELECT convert_from(d.body, 'UTF8') AS body, c.id AS conversion FROM delivery d LEFT JOIN conversion c ON c.delivery_id = d.id",
          );
          return split(rows);
        },
      };
    },
  },
];

/** The rate limit is not what this test is about: every request of the load gets through it. */
function limits() {
  return { ADMIN_TOKEN, WEBHOOK_RATE_PER_SECOND: '100000', WEBHOOK_BURST: '1000000' };
}

function split(rows: Array<{ body: string; conversion: number | null }>) {
  return {
    delivered: rows.map((row) => guidOf(row.body)).sort(),
    converted: rows
      .filter((row) => row.conversion !== null)
      .map((row) => guidOf(row.body))
      .sort(),
  };
}

describe.each(backends)('SIGTERM under keep-alive webhook load on $name', (backend) => {
  test.skipIf(backend.skip)(
    'every request is answered and stored, or refused before it was read; exit code 0',
    async () => {
      const { server, storedGuids } = await backend.start();
      const port = await until(() => logLines(server.output()).find((line) => line.port)?.port as number, server);
      const auth = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
      const base = `http://127.0.0.1:${port}`;
      const site = (await (
        await fetch(`${base}/api/sites`, { method: 'POST', headers: auth, body: '{"name":"Shop"}' })
      ).json()) as { id: number };
      const { ingestToken } = (await (
        await fetch(`${base}/api/sites/${site.id}/notifications`, {
          method: 'POST',
          headers: auth,
          body: '{"name":"Buys"}',
        })
      ).json()) as { ingestToken: string };

      const outcomes: Outcome[] = [];
      const clients = Array.from({ length: CLIENTS }, (_, index) => keepPosting(index, port, ingestToken, outcomes));
      await until(() => outcomes.filter((o) => o.kind === 'answered').length >= ANSWERED_BEFORE_SIGTERM, server);
      server.child.kill('SIGTERM');
      const exit = await server.exited;
      await Promise.all(clients);

      expect(exit).toEqual({ code: 0, signal: null });
      const answered = outcomes.filter((o) => o.kind === 'answered');
      expect(outcomes.filter((o) => o.kind === 'cut')).toEqual([]);
      expect(answered.filter((o) => o.status !== 200)).toEqual([]);
      // Whether a request was in flight at the very moment of the SIGTERM is up to the scheduler, so
      // the test does not insist that one was answered with 'Connection: close'; it insists that none
      // was cut and that every answer was a 200 that is stored.

      const stored = await storedGuids();
      const answeredGuids = answered.map((o) => o.guid).sort();
      // Stored exactly when answered: nothing answered went missing, nothing read went unanswered.
      expect(stored.converted).toEqual(answeredGuids);
      expect(stored.delivered).toEqual(answeredGuids);
    },
    120_000,
  );
});
