// The frame around every signed-in page: skip link, top bar with navigation and logout, the main
// region, and the page title that takes focus after each navigation.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useServices } from '../context.ts';
import { Link } from '../router.tsx';

export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  const { logout } = useServices();
  const section = path.startsWith('/admin/account') ? 'account' : 'sites';
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <Link class="brand" href="/admin">
          Proofhook
        </Link>
        <nav class="main-nav" aria-label="Main">
          <Link href="/admin" aria-current={section === 'sites' ? 'page' : undefined}>
            Sites
          </Link>
          <Link href="/admin/account" aria-current={section === 'account' ? 'page' : undefined}>
            Account
          </Link>
        </nav>
        <button type="button" class="button small" onClick={() => logout()}>
          Log out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** The page's <h1>; also the document title. Focusable so navigation can move focus to it. */
export function PageTitle({ children, title }: { children: ComponentChildren; title: string }) {
  useEffect(() => {
    document.title = `${title} · Proofhook admin`;
  }, [title]);
  return <h1 tabIndex={-1}>{children}</h1>;
}

export function Breadcrumbs({ items }: { items: Array<{ href: string; label: string }> }) {
  return (
    <nav aria-label="Breadcrumb" class="breadcrumbs">
      <ol>
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} title={item.label}>
              {item.label}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
