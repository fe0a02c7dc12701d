import { lazy, Suspense, type ComponentType } from 'react';
import { usePath } from './router.tsx';
import { Layout } from './ui/Layout.tsx';
import { FrontPage } from './pages/FrontPage.tsx';
import { PortalPage } from './pages/PortalPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { LoadingPage } from './ui/LoadingPage.tsx';

// The staff console is a separate chunk: people visiting the front page or the portal never load it.
const ConsoleApp = lazy(() => import('./console/ConsoleApp.tsx').then((m) => ({ default: m.ConsoleApp })));

const routes: Record<string, ComponentType> = {
  '/': FrontPage,
  '/oma': PortalPage,
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
  // '/oma/' is '/oma'; anything not listed (e.g. '/oma/no-such-page') is not found.
  const Page = routes[path.length > 1 ? path.replace(/\/+$/, '') : path] ?? NotFoundPage;
  return (
    <Layout path={path}>
      <Page />
    </Layout>
  );
}
