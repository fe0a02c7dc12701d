import type { ComponentType } from 'react';
import { usePath } from './router.tsx';
import { Layout } from './ui/Layout.tsx';
import { FrontPage } from './pages/FrontPage.tsx';
import { PortalPage } from './pages/PortalPage.tsx';
import { ConsolePage } from './pages/ConsolePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

const routes: Record<string, ComponentType> = {
  '/': FrontPage,
  '/oma': PortalPage,
  '/console': ConsolePage,
};

export function App() {
  const path = usePath();
  // '/oma/' is '/oma'; anything not listed (e.g. '/oma/no-such-page') is not found.
  const Page = routes[path.length > 1 ? path.replace(/\/+$/, '') : path] ?? NotFoundPage;
  return (
    <Layout path={path}>
      <Page />
    </Layout>
  );
}
