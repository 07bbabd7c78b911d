/** Sign-in: Cognito's hosted UI when deployed; a pasted token locally, or one click for npm start's admin token. */
import { useEffect, useState } from 'preact/hooks';
import { sessionFromToken, startCognitoSignIn, type AuthConfig, type Session } from '../auth.js';

export function SignIn({ config, onSignIn, notice }: { config: AuthConfig; onSignIn: (s: Session) => void; notice: string | undefined }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [devToken, setDevToken] = useState<string | undefined>();
  useEffect(() => {
    // Only `npm start` answers this (to loopback, same-origin requests); deployed it is a 404.
    if (config.type !== 'token') return;
    fetch('/console/dev-admin-token', { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<{ token: string }>) : undefined))
      .then((b) => b && setDevToken(b.token))
      .catch(() => undefined);
  }, [config]);
  const use = (t: string) => {
    try {
      onSignIn(sessionFromToken(t));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <main id="main" class="signin">
      <h1>Sign in to the schema registry</h1>
      {notice && <p class="notice" role="status">{notice}</p>}
      {config.type === 'cognito' ? (
        <button type="button" class="primary" onClick={() => void startCognitoSignIn(config)}>Sign in with your organisation account</button>
      ) : (
        <>
          {devToken && (
            <p>
              <button type="button" class="primary" onClick={() => use(devToken)}>Sign in as dev-admin (local admin token)</button>
            </p>
          )}
          <form onSubmit={(e) => { e.preventDefault(); use(token); }}>
            <label for="token">Bearer token</label>
            <small id="token-help">Printed by <code>npm start</code>, or minted with <code>npm run token -- --user alice --workspace default --role reviewer</code>.</small>
            <textarea id="token" class="mono" rows={4} aria-describedby={`token-help${error ? ' token-err' : ''}`} aria-invalid={error ? true : undefined} value={token} onInput={(e) => setToken(e.currentTarget.value)} />
            {error && <p class="error" id="token-err" role="alert">{error}</p>}
            <button type="submit">Sign in with this token</button>
          </form>
        </>
      )}
      <p><a href="/api/v1/docs">API reference</a></p>
    </main>
  );
}
