// Every webhook first finds its notification by ingest token: with SQLite a read transaction, the
// row and two JSON.parse, ~51,000 instructions (valgrind, 20,000 lookups), about 3 % of a
// webhook's work, for rows that change only when someone edits them.
// So the SQLite storage keeps what it read, and forgets all of it when:
// - a repository of this storage changes a notification (the repositories call clear()), or
// - any other connection has committed to the database file since (PRAGMA data_version), such as
//   the sqlite3 shell in an operator's hands. That pragma opens a read of the WAL index and cost
//   ~5 % of a webhook's CPU when asked on every lookup (`npm run bench` profile), so it is asked once
//   per turn of the event loop: a commit from elsewhere is seen by every webhook of a later turn,
//   which is every webhook that arrives after it (a request is read in a turn of its own).
// Only tokens that exist are kept, so probing random tokens cannot grow it.
import type { SqliteDatabase } from '../db/open-database.ts';
import type { Notification } from './notification.types.ts';

/** More notifications than any install has; past it the cache starts over rather than grow. */
const MAX_ENTRIES = 10_000;

export interface NotificationCache {
  get(token: string): Notification | undefined;
  set(notification: Notification): void;
  clear(): void;
}

export function createNotificationCache(db: SqliteDatabase): NotificationCache {
  // https://www.sqlite.org/pragma.html#pragma_data_version: changes when another connection commits.
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const byToken = new Map<string, Notification>();
  let seenVersion = dataVersion.get();
  let checkedThisTurn = false;
  const nextTurn = () => {
    checkedThisTurn = false;
  };

  return {
    get(token) {
      if (!checkedThisTurn) {
        checkedThisTurn = true;
        setImmediate(nextTurn);
        const version = dataVersion.get();
        if (version !== seenVersion) {
          seenVersion = version;
          byToken.clear();
          return undefined;
        }
      }
      return byToken.get(token);
    },
    set(notification) {
      if (byToken.size >= MAX_ENTRIES) byToken.clear();
      // Frozen: every webhook for this token shares the object, so nobody may change it.
      byToken.set(notification.ingestToken, deepFreeze(notification));
    },
    clear() {
      byToken.clear();
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
