import { lazy, Suspense, type ComponentType } from 'react';
import { usePath } from './router.tsx';
import { Layout } from './ui/Layout.tsx';
import { FrontPage } from './pages/FrontPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { LoadingPage } from './ui/LoadingPage.tsx';

// The staff console is a separate chunk: people visiting the front page or the portal never load it.
const ConsoleApp = lazy(() => import('./console/ConsoleApp.tsx').then((m) => ({ default: m.ConsoleApp })));
// The person's portal is one too: it shares the console's labels, forms and tables.
const PortalApp = lazy(() => import('./portal/PortalApp.tsx').then((m) => ({ default: m.PortalApp })));

const routes: Record<string, ComponentType> = {
  '/': FrontPage,
};

export function App() {
  const path = usePath();
  if (/^\/console(\/|$)/.test(path)) {
    return (
      <Suspense
        fallback={
          <Layout path={path} wide>
            <LoadingPage />
          </Layout>
        }
      >
        <ConsoleApp path={path} />
      </Suspense>
    );
  }
  if (/^\/oma(\/login)?\/?$/.test(path)) {
    // The same <Layout> as the other pages, so that moving between them keeps it (and its focus handling).
    return (
      <Layout path={path}>
        <Suspense fallback={<LoadingPage />}>
          <PortalApp path={path} />
        </Suspense>
      </Layout>
    );
  }
  // Anything not listed (e.g. '/oma/no-such-page') is not found.
  const Page = routes[path.length > 1 ? path.replace(/\/+$/, '') : path] ?? NotFoundPage;
  return (
    <Layout path={path}>
      <Page />
    </Layout>
  );
}
