// Counts failed storage calls without touching the repositories: the same Storage, each function of
// each repository wrapped so that a rejection (or a synchronous throw) is counted and passed on
// unchanged. Repositories throw only for storage failures (a missing row is `undefined`, never an
// error), so every failure counted is one the operator should see.
import type { Storage } from '../storage/storage.ts';

type AnyFunction = (...args: unknown[]) => unknown;

function countingFunction(fn: AnyFunction, self: unknown, onError: () => void): AnyFunction {
  return (...args) => {
    let result: unknown;
    try {
      result = fn.apply(self, args);
    } catch (error) {
      onError();
      throw error;
    }
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        onError();
        throw error;
      });
    }
    return result;
  };
}

function countingRepository<T extends object>(repository: T, onError: () => void): T {
  const wrapped = new Map<PropertyKey, AnyFunction>();
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      let counting = wrapped.get(property);
      if (!counting) {
        counting = countingFunction(value as AnyFunction, target, onError);
        wrapped.set(property, counting);
      }
      return counting;
    },
  });
}

export function countStorageErrors(storage: Storage, onError: () => void): Storage {
  const counted = {} as Record<string, unknown>;
  for (const [name, part] of Object.entries(storage)) {
    if (typeof part === 'function') counted[name] = countingFunction(part as AnyFunction, storage, onError);
    else if (part && typeof part === 'object') counted[name] = countingRepository(part, onError);
    else counted[name] = part;
  }
  return counted as unknown as Storage;
}
