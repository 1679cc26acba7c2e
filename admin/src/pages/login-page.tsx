// Log in with the admin token (printed on first start, kept in data/admin-token) or the password.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Api, ApiError, errorText } from '../api.ts';
import type { SessionInfo } from '../types.ts';

function loginError(error: unknown): string {
  if (error instanceof ApiError && error.status === 429) {
    const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
    return `Too many failed attempts from your address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  if (error instanceof ApiError && error.status === 401)
    return 'That is neither the admin token nor the admin password.';
  return errorText(error);
}

export function LoginPage({ api, onLoggedIn }: { api: Api; onLoggedIn(session: SessionInfo): void }) {
  const [secret, setSecret] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Log in · Proofhook admin';
    input.current?.focus();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      onLoggedIn(await api.post<SessionInfo>('/admin/api/session', { secret }));
    } catch (caught) {
      setError(loginError(caught));
      input.current?.select();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login">
      <form class="card login-card" onSubmit={submit} aria-describedby="login-help">
        <h1>Proofhook admin</h1>
        <label for="secret">Admin token or password</label>
        <input
          ref={input}
          id="secret"
          name="secret"
          type="password"
          autoComplete="current-password"
          required
          value={secret}
          onInput={(e) => setSecret(e.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'login-error' : undefined}
        />
        {error && (
          <p id="login-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        <p id="login-help" class="muted">
          The admin token was printed when Proofhook first started; it is kept in <code>data/admin-token</code> (or set
          by <code>ADMIN_TOKEN</code>). Once in, you can set a password under Account.
        </p>
      </form>
    </main>
  );
}
