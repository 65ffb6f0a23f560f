import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../api.js';
import type { User } from '../types.js';

export function Login({ onSignedIn }: { onSignedIn: (user: User, csrfToken: string) => void }): ReactNode {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.login<{ user: User; csrfToken: string }>({ name, password });
      onSignedIn(answer.user, answer.csrfToken);
    } catch (err) {
      // The server says the same for unknown names and wrong passwords; so do we.
      setError(err instanceof ApiError ? err.message : 'the server did not answer');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="login" onSubmit={(e) => void submit(e)}>
      <h1>Chokepoint</h1>
      <p>Analyst's workbench</p>
      <label>
        Name
        <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Sign in
      </button>
    </form>
  );
}
