// Account: set (or change) the admin password, so day-to-day logins need not use the token.
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { PageTitle } from '../components/layout.tsx';
import { useServices } from '../context.ts';

const MIN_LENGTH = 12;

export function AccountPage() {
  const { api, notify, session, refreshSession } = useServices();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (password !== again) {
      setError('The two new passwords differ.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await api.put('/admin/api/password', { current, password });
      setCurrent('');
      setPassword('');
      setAgain('');
      notify('Password set. Other sessions were logged out.');
      await refreshSession();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title="Account">Account</PageTitle>
      <form class="card form narrow" onSubmit={submit} aria-labelledby="password-heading">
        <h2 id="password-heading">{session.passwordSet ? 'Change the admin password' : 'Set an admin password'}</h2>
        <p class="hint">
          Log in with either the password or the admin token. The token keeps working for scripts (
          <code>Authorization: Bearer …</code>).
        </p>
        <label for="current-secret">Admin token or current password</label>
        <input
          id="current-secret"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onInput={(e) => setCurrent(e.currentTarget.value)}
        />
        <label for="new-password">New password (at least {MIN_LENGTH} characters)</label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          minLength={MIN_LENGTH}
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <label for="new-password-again">New password again</label>
        <input
          id="new-password-again"
          type="password"
          autoComplete="new-password"
          minLength={MIN_LENGTH}
          required
          value={again}
          onInput={(e) => setAgain(e.currentTarget.value)}
        />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy}>
            Save password
          </button>
        </div>
      </form>
    </>
  );
}
