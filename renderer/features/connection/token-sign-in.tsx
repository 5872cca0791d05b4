import { useState, type FormEvent } from 'react';
import { signInWithToken } from '../../api/web-login.js';

const outcomes = {
  refused: 'The server did not accept that token. Copy it again from the terminal that runs Berth.',
  unreachable: 'The Berth server did not answer. Is it still running?',
} as const;

/** Paste the token instead of opening the link: no address, so no browser history, ever holds it. */
export function TokenSignIn() {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    void signInWithToken(token).then((result) => {
      if (result === 'ok') {
        window.location.reload();
        return;
      }
      setBusy(false);
      setError(outcomes[result]);
    });
  };

  return (
    <form className="conn-sign-in" onSubmit={submit}>
      <label htmlFor="conn-token">Or paste the token (the part after ?token=)</label>
      <div className="conn-sign-in-row">
        <input
          id="conn-token"
          type="password"
          className="input mono"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit" className="btn btn--primary" disabled={busy || token.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
      {error ? (
        <p className="conn-problem" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
