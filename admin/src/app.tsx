// The admin app: session bootstrap, routes, and the status region for short messages.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createApi } from './api.ts';
import { Loading } from './components/bits.tsx';
import { Layout } from './components/layout.tsx';
import { type AppServices, ServicesContext } from './context.ts';
import { AccountPage } from './pages/account-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotificationPage, TABS, type Tab } from './pages/notification-page.tsx';
import { GoalsPage } from './pages/goals-page.tsx';
import { SitePage } from './pages/site-page.tsx';
import { SitesPage } from './pages/sites-page.tsx';
import { matchPath, navigate, safeNext, useLocation } from './router.tsx';
import type { SessionInfo } from './types.ts';

interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
}

const isTab = (value: string | undefined): value is Tab => TABS.some(([key]) => key === value);

function route(path: string) {
  if (path === '/admin' || path === '/admin/sites') return <SitesPage />;
  if (path === '/admin/account') return <AccountPage />;
  let m = matchPath('/admin/sites/:siteId', path);
  if (m) return <SitePage key={m.siteId} siteId={Number(m.siteId)} />;
  m = matchPath('/admin/sites/:siteId/goals', path);
  if (m) return <GoalsPage key={m.siteId} siteId={Number(m.siteId)} />;
  m = matchPath('/admin/notifications/:id', path);
  if (m) return <NotificationPage key={m.id} id={Number(m.id)} />;
  m = matchPath('/admin/notifications/:id/:tab', path);
  if (m && isTab(m.tab)) return <NotificationPage key={m.id} id={Number(m.id)} tab={m.tab} />;
  m = matchPath('/admin/notifications/:id/inspector/:deliveryId', path);
  if (m) return <NotificationPage key={m.id} id={Number(m.id)} tab="inspector" deliveryId={Number(m.deliveryId)} />;
  return (
    <>
      <h1 tabIndex={-1}>Not found</h1>
      <p>
        Nothing here. <a href="/admin">Back to the sites</a>
      </p>
    </>
  );
}

/** Pages differ by path, except for the open delivery within the inspector, which moves focus itself. */
const pageOf = (path: string) => path.replace(/\/inspector\/\d+$/, '/inspector');

export function App() {
  const { path, query } = useLocation();
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [clockOffsetMs, setClockOffsetMs] = useState(0);
  const toastId = useRef(0);
  const api = useMemo(() => createApi(() => setSession(null)), []);

  const notify = useCallback((message: string, tone: Toast['tone'] = 'info') => {
    const id = ++toastId.current;
    setToasts((list) => [...list.slice(-2), { id, message, tone }]);
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), tone === 'error' ? 8000 : 3000);
  }, []);

  const refreshSession = useCallback(async () => {
    try {
      // Answered 200 either way, so the login page's probe is no console error.
      const current = await api.get<SessionInfo | { authenticated: false }>('/admin/api/session');
      if (!current.authenticated) {
        api.setSession(null);
        setSession(null);
        return;
      }
      api.setSession(current);
      setClockOffsetMs(current.serverTime - Date.now());
      setSession(current);
    } catch {
      api.setSession(null);
      setSession(null);
    }
  }, [api]);

  const logout = useCallback(async () => {
    try {
      await api.delete('/admin/api/session');
    } finally {
      api.setSession(null);
      navigate('/admin/login');
      setSession(null);
    }
  }, [api]);

  useEffect(() => {
    refreshSession();
  }, [refreshSession]);

  // Signed out (expired, or logged out in another tab): to the login page, coming back here after.
  useEffect(() => {
    if (session === null && path !== '/admin/login') {
      navigate(`/admin/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    }
  }, [session, path]);

  // Already signed in on the login page (a second tab, the back button): on to where it was going.
  const next = safeNext(query.get('next'));
  useEffect(() => {
    if (session && path === '/admin/login') navigate(next, { replace: true });
  }, [session, path, next]);

  // After a navigation, focus goes to the new page's heading, as a page load would put it at the top.
  // A frame later, so the new page has rendered; but not if the user has already moved focus by then
  // (a quick Tab, a click): taking it back would send a keyboard user somewhere they did not go.
  // A layout effect, so "where focus was" is read as the new page is put in, before any input.
  const page = pageOf(path);
  const lastPage = useRef(page);
  useLayoutEffect(() => {
    if (lastPage.current === page) return;
    lastPage.current = page;
    const focusedAtNavigation = document.activeElement;
    requestAnimationFrame(() => {
      if (document.activeElement !== focusedAtNavigation) return;
      const heading = document.querySelector<HTMLElement>('main h1');
      (heading ?? document.getElementById('main'))?.focus();
    });
  }, [page]);

  const services: AppServices | null = useMemo(
    () => (session ? { api, session, notify, logout, refreshSession, now: () => Date.now() + clockOffsetMs } : null),
    [api, session, notify, logout, refreshSession, clockOffsetMs],
  );

  let body: ComponentChildren;
  if (path === '/admin/login') {
    body = session ? (
      <Loading />
    ) : (
      <LoginPage
        api={api}
        onLoggedIn={(created) => {
          api.setSession(created);
          setClockOffsetMs(created.serverTime - Date.now());
          navigate(next, { replace: true });
          setSession(created);
        }}
      />
    );
  } else if (!services) {
    body = <Loading />;
  } else {
    body = (
      <ServicesContext.Provider value={services}>
        <Layout path={path}>{route(path)}</Layout>
      </ServicesContext.Provider>
    );
  }

  return (
    <>
      {body}
      <div class="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <p key={toast.id} class={`toast ${toast.tone}`}>
            {toast.message}
          </p>
        ))}
      </div>
    </>
  );
}
