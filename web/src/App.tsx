import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from './api.js';
import { SearchBox } from './components/SearchBox.js';
import { AlertQueue } from './pages/AlertQueue.js';
import { CaseList } from './pages/CaseList.js';
import { CaseWorkspace } from './pages/CaseWorkspace.js';
import { EntityProfile } from './pages/EntityProfile.js';
import { JobsPage } from './pages/Jobs.js';
import { Login } from './pages/Login.js';
import { RecordView } from './pages/RecordView.js';
import { Users } from './pages/Users.js';
import { WhatIf } from './pages/WhatIf.js';
import { Link, match, navigate, usePath } from './router.js';
import { hasSessionHint, SessionContext, setSessionHint } from './session.js';
import { atLeast, type Role, type User } from './types.js';

// The chart, graph and map libraries are most of the bundle: load them with their screens.
const Dashboard = lazy(() => import('./pages/Dashboard.js').then((m) => ({ default: m.Dashboard })));
const NetworkExplorer = lazy(() => import('./pages/NetworkExplorer.js').then((m) => ({ default: m.NetworkExplorer })));
const RouteMap = lazy(() => import('./pages/RouteMap.js').then((m) => ({ default: m.RouteMap })));

/** Navigation entries with the least role that sees them (the server enforces the same). */
const NAV: { to: string; label: string; least: Role }[] = [
  { to: '/', label: 'Dashboard', least: 'viewer' },
  { to: '/alerts', label: 'Alerts', least: 'viewer' },
  { to: '/cases', label: 'Cases', least: 'viewer' },
  { to: '/network', label: 'Network', least: 'viewer' },
  { to: '/map', label: 'Route map', least: 'viewer' },
  { to: '/whatif', label: 'What-if', least: 'analyst' },
  { to: '/jobs', label: 'Jobs', least: 'viewer' },
  { to: '/users', label: 'Users', least: 'admin' },
];

function Screen({ path }: { path: string }): ReactNode {
  let m: Record<string, string> | null;
  if (path === '/' || path === '') return <Dashboard />;
  if (path === '/alerts') return <AlertQueue />;
  if ((m = match('/entities/:id', path))) return <EntityProfile key={m.id} id={m.id!} />;
  if (path === '/cases') return <CaseList />;
  if ((m = match('/cases/:id', path))) return <CaseWorkspace key={m.id} id={m.id!} />;
  if ((m = match('/records/:kind/:id', path))) return <RecordView key={m.id} kind={m.kind!} id={m.id!} />;
  if (path === '/network') return <NetworkExplorer />;
  if (path === '/map') return <RouteMap />;
  if (path === '/whatif') return <WhatIf />;
  if (path === '/jobs') return <JobsPage />;
  if (path === '/users') return <Users />;
  return <p className="empty">Nothing here: {path}</p>;
}

export function App(): ReactNode {
  const path = usePath();
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(hasSessionHint);

  useEffect(() => {
    if (!hasSessionHint()) return;
    api
      .get<{ user: User }>('/api/auth/session')
      .then((answer) => setUser(answer.user))
      .catch((err: unknown) => {
        if (!(err instanceof ApiError && err.status === 401)) console.warn(err);
        setSessionHint(false);
      })
      .finally(() => setChecking(false));
  }, []);

  const signedIn = (u: User, csrf: string): void => {
    setCsrfToken(csrf);
    setSessionHint(true);
    setUser(u);
  };
  const signOut = async (): Promise<void> => {
    await api.post('/api/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    setSessionHint(false);
    setUser(null);
    navigate('/');
  };

  if (checking) return <p className="empty">Loading…</p>;
  if (user === null) return <Login onSignedIn={signedIn} />;
  return (
    <SessionContext.Provider value={user}>
      <div className="shell">
        <header className="topbar">
          <span className="brand">Chokepoint</span>
          <nav>
            {NAV.filter((n) => atLeast(user.role, n.least)).map((n) => (
              <Link key={n.to} to={n.to} className={path === n.to || (n.to !== '/' && path.startsWith(n.to)) ? 'active' : ''}>
                {n.label}
              </Link>
            ))}
          </nav>
          <SearchBox />
          <span className="whoami" data-testid="whoami">
            {user.name} · {user.role}
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </header>
        <main>
          <Suspense fallback={<p className="empty">Loading…</p>}>
            <Screen path={path} />
          </Suspense>
        </main>
      </div>
    </SessionContext.Provider>
  );
}
