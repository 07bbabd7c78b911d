/** The console: sign-in, the workspace picker, and the four pages. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useToken } from './api.js';
import { cognitoSignOutUrl, finishCognitoSignIn, savedSession, saveSession, type AuthConfig, type Session } from './auth.js';
import { ErrorBox } from './components/common.js';
import { Activity } from './pages/Activity.js';
import { Payloads } from './pages/Payloads.js';
import { Review } from './pages/Review.js';
import { Schemas } from './pages/Schemas.js';
import { SignIn } from './pages/SignIn.js';
import { href, useRoute } from './route.js';
import type { Role } from './roles.js';
import './styles.css';

export interface Ctx {
  session: Session;
  workspace: string;
  role: Role | undefined;
}

const PAGES = [
  ['schemas', 'Schemas'],
  ['payloads', 'Payloads'],
  ['review', 'Review queue'],
  ['activity', 'Activity'],
] as const;

function App() {
  const [config, setConfig] = useState<AuthConfig | undefined>();
  const [session, setSession] = useState<Session | undefined>(savedSession);
  const [notice, setNotice] = useState<string | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const route = useRoute();
  const [workspace, setWorkspace] = useState<string>(() => localStorage.getItem('registry.workspace') ?? '');

  useEffect(() => {
    fetch('/console/config.json')
      .then((r) => r.json() as Promise<{ auth: AuthConfig }>)
      .then(async ({ auth }) => {
        setConfig(auth);
        if (auth.type === 'cognito') {
          const s = await finishCognitoSignIn(auth);
          if (s) signIn(s);
        }
      })
      .catch((e: Error) => setError(e));
  }, []);

  const signIn = (s: Session | undefined) => {
    saveSession(s);
    setSession(s);
  };
  useToken(session?.token, (message) => {
    setNotice(`Signed out: ${message}`);
    signIn(undefined);
  });

  const page = route.parts[0] ?? 'schemas';
  useEffect(() => {
    const label = PAGES.find(([p]) => p === page)?.[1] ?? 'Console';
    document.title = `${session ? label : 'Sign in'} · Schema registry`;
  }, [page, session]);

  if (!config) return <main id="main"><ErrorBox error={error} /><p class="muted">Loading…</p></main>;
  if (!session) return <SignIn config={config} onSignIn={(s) => { setNotice(undefined); signIn(s); }} notice={notice} />;

  const workspaces = Object.keys(session.workspaces).sort();
  const ws = workspaces.includes(workspace) ? workspace : workspaces[0] ?? '';
  const ctx: Ctx = { session, workspace: ws, role: session.workspaces[ws] };
  const signOut = () => {
    signIn(undefined);
    if (config.type === 'cognito') location.assign(cognitoSignOutUrl(config));
  };

  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <header class="top">
        <span class="brand">Schema registry</span>
        <nav aria-label="Pages">
          {PAGES.map(([p, label]) => (
            <a key={p} href={href([p])} aria-current={p === page ? 'page' : undefined}>{label}</a>
          ))}
        </nav>
        <div class="who">
          <label for="workspace">Workspace</label>
          <select id="workspace" value={ws} onChange={(e) => { localStorage.setItem('registry.workspace', e.currentTarget.value); setWorkspace(e.currentTarget.value); }}>
            {workspaces.map((w) => <option key={w} value={w}>{w} ({session.workspaces[w]})</option>)}
          </select>
          <span data-testid="user">{session.user}</span>
          <button type="button" onClick={signOut}>Sign out</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {!ws ? <p class="error" role="alert">Your token has no workspace membership ({'{workspace}:{role}'} groups); ask an administrator.</p>
          : page === 'payloads' ? <Payloads ctx={ctx} route={route} />
          : page === 'review' ? <Review ctx={ctx} route={route} />
          : page === 'activity' ? <Activity ctx={ctx} route={route} />
          : <Schemas ctx={ctx} route={route} />}
      </main>
    </>
  );
}

const root = document.getElementById('app')!;
// Preact appends to what is there: drop the "Loading" placeholder the HTML shows before the script runs.
root.replaceChildren();
render(<App />, root);
