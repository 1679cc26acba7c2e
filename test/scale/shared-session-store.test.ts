// Admin sessions shared through PostgreSQL: two stores over one schema stand for two processes.
// No bus here, so what works does so through the table and the signed cookie alone.
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  PROPAGATION_GRACE_MS,
  type SharedSessionStore,
  createSharedSessionStore,
} from '../../server/auth/shared-session-store.ts';
import { SESSION_IDLE_MS } from '../../server/auth/session-store.ts';
import { createPgAdminSessionRepository } from '../../server/auth/admin-session.postgres.ts';
import { type TestSchema, createTestSchema, skipWithoutPostgres } from '../support/postgres.ts';
import { createMovableClock } from '../support/test-app.ts';
import { TEST_TIMEOUT_MS } from '../support/wait.ts';

const skipped = skipWithoutPostgres('shared admin sessions');

describe.skipIf(skipped)('shared admin sessions', () => {
  let schema: TestSchema;
  const stores: SharedSessionStore[] = [];
  const clock = createMovableClock();
  const open = async () => {
    const store = await createSharedSessionStore({
      repository: createPgAdminSessionRepository(schema.pool),
      clock,
      logger: pino({ level: 'silent' }),
    });
    stores.push(store);
    return store;
  };
  // Writes are asynchronous behind the synchronous interface: wait until the table shows them.
  const tableHolds = (sessions: number) =>
    vi.waitFor(async () => expect(await createPgAdminSessionRepository(schema.pool).list()).toHaveLength(sessions), {
      timeout: TEST_TIMEOUT_MS,
      interval: 10,
    });

  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) store.close();
    await schema.truncate();
  });
  afterAll(async () => {
    await schema?.drop();
  });

  test('a session made by one process is valid on another at once, with the same CSRF token', async () => {
    const [first, second] = [await open(), await open()];
    const { id, session } = first.create();
    expect(second.touch(id)?.csrfToken).toBe(session.csrfToken);
  });

  test('a forged or altered cookie value is refused', async () => {
    const [first, second] = [await open(), await open()];
    const { id } = first.create();
    const [nonce, created] = id.split('.');
    expect(second.peek(`${nonce}.${created}.forged`)).toBeUndefined();
    expect(
      second.peek(`${nonce}.${(Number.parseInt(created as string, 36) + 1).toString(36)}.${id.split('.')[2]}`),
    ).toBeUndefined();
    expect(second.peek('not-a-session')).toBeUndefined();
  });

  test('an older session is known to a process started later, and a logout elsewhere reaches it on resync', async () => {
    const first = await open();
    const { id } = first.create();
    await tableHolds(1);
    clock.advance(PROPAGATION_GRACE_MS + 1000);
    const second = await open();
    expect(second.touch(id)).toBeDefined();
    first.remove(id);
    await tableHolds(0);
    await second.resync();
    expect(second.peek(id)).toBeUndefined();
  });

  test('a password change logs out every other session, on every process', async () => {
    const first = await open();
    const keep = first.create();
    const other = first.create();
    await tableHolds(2);
    clock.advance(PROPAGATION_GRACE_MS + 1000);
    const second = await open();
    first.removeOthers(keep.id);
    await tableHolds(1);
    await second.resync();
    expect(second.peek(other.id)).toBeUndefined();
    expect(second.peek(keep.id)).toBeDefined();
  });

  test('an idle session expires everywhere and a restart does not bring it back', async () => {
    const first = await open();
    const { id } = first.create();
    await tableHolds(1);
    clock.advance(SESSION_IDLE_MS + 1);
    expect(first.peek(id)).toBeUndefined();
    expect((await open()).peek(id)).toBeUndefined();
  });

  test('processes starting together agree on one signing secret', async () => {
    const [first, second] = await Promise.all([open(), open()]);
    const { id } = first.create();
    expect(second.peek(id)).toBeDefined();
  });
});
