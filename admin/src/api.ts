// Every call to the server: same-origin fetch with the session cookie, the CSRF token on changes,
// and one error type carrying the server's { error: { code, message } }.
import type { SessionInfo } from './types.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds, from Retry-After on a 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export interface Api {
  get<T>(url: string): Promise<T>;
  post<T>(url: string, body?: unknown): Promise<T>;
  patch<T>(url: string, body: unknown): Promise<T>;
  put<T>(url: string, body: unknown): Promise<T>;
  delete(url: string): Promise<void>;
  /** Login answers with the session; later calls send its CSRF token. */
  setSession(session: SessionInfo | null): void;
}

/** `onUnauthorized` runs when the session has ended (expired, logged out elsewhere). */
export function createApi(onUnauthorized: () => void): Api {
  let csrfToken = '';

  async function send<T>(method: string, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
    const res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    if (!res.ok) {
      if (res.status === 401 && url !== '/admin/api/session') onUnauthorized();
      const retryAfter = Number(res.headers.get('retry-after')) || undefined;
      throw new ApiError(
        res.status,
        data?.error?.code ?? 'http-error',
        data?.error?.message ?? `The server answered ${res.status}`,
        retryAfter,
      );
    }
    return data as T;
  }

  return {
    get: (url) => send('GET', url),
    post: (url, body) => send('POST', url, body ?? {}),
    patch: (url, body) => send('PATCH', url, body),
    put: (url, body) => send('PUT', url, body),
    delete: (url) => send('DELETE', url),
    setSession(session) {
      csrfToken = session?.csrfToken ?? '';
    },
  };
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
