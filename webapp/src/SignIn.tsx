import { useState } from 'react';
import { call, describe, isApiError, token } from './api';

/** Asks for an API token and checks it against the server before keeping it. */
export function SignIn({ onSignedIn, notice = null }: { onSignedIn: () => void; notice?: string | null }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    token.set(value.trim());
    try {
      await call('GET', 'workflow/?limit=1');
      onSignedIn();
    } catch (failed) {
      token.clear();
      setError(
        isApiError(failed) && failed.status === 401
          ? 'This token is not valid: use the admin token the server printed on its first start, or one from POST /api/tokens/.'
          : describe(failed),
      );
    }
  };

  return (
    <form className="signin" onSubmit={submit}>
      <h1>Workflow Orchestrator</h1>
      {notice && !error && (
        <p className="error" role="status">
          {notice}
        </p>
      )}
      <label htmlFor="token">API token</label>
      <input
        id="token"
        type="password"
        autoFocus
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="wfo_…"
      />
      <button type="submit" disabled={!value.trim()}>
        Sign in
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
