import { useCallback, useEffect, useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { LoadingPage } from '../ui/LoadingPage.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { ApiError, isAbort, portalApi, setPortalCsrfToken } from './api.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { LoginLanding } from './pages/LoginLanding.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import '../console/console.css';
import './portal.css';

export type PortalState =
  { status: 'loading' } | { status: 'anonymous'; message?: 'loggedOut' } | { status: 'signedIn'; email: string | null };

/** /oma and /oma/login, inside the app's layout: the person's own portal, with its own session (a sign-in link by email). */
export function PortalApp({ path }: { path: string }) {
  const route = path.replace(/\/+$/, '') || '/';
  if (route === '/oma/login') return <LoginLanding />;
  return route === '/oma' ? <Portal /> : <NotFoundPage />;
}

function usePortalSession() {
  const [state, setState] = useState<PortalState>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    portalApi
      .me(abort.signal)
      .then((me) => {
        if (me.csrfToken) setPortalCsrfToken(me.csrfToken);
        setState({ status: 'signedIn', email: me.email });
      })
      .catch((error: unknown) => {
        if (isAbort(error)) return;
        if (error instanceof ApiError && error.status === 401) setPortalCsrfToken(null);
        setState({ status: 'anonymous' });
      });
    return () => abort.abort();
  }, []);
  return [state, setState] as const;
}

function Portal() {
  const t = useT();
  const [state, setState] = usePortalSession();
  usePageTitle(t('portal.title'));
  const signedOut = useCallback(
    (message?: 'loggedOut') => setState(message ? { status: 'anonymous', message } : { status: 'anonymous' }),
    [setState],
  );

  switch (state.status) {
    case 'loading':
      return (
        <>
          <h1>{t('portal.title')}</h1>
          <LoadingPage />
        </>
      );
    case 'anonymous':
      return <LoginPage loggedOut={state.message === 'loggedOut'} />;
    case 'signedIn':
      return <OverviewPage email={state.email} onSignedOut={signedOut} />;
  }
}
