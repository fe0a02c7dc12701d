import { useEffect } from 'react';
import { useT } from '../../i18n/index.tsx';
import { navigate } from '../../router.tsx';
import { LoadingPage } from '../../ui/LoadingPage.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { paths } from '../routes.ts';
import { useSessionContext } from '../session.tsx';
import { useResource } from '../useResource.ts';
import { LoginForm } from './LoginForm.tsx';

/** Where to go after login: `?next=` if it is a console page, else the controllers. */
function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next');
  return next && /^\/console\/[^/]/.test(next) && !next.startsWith('//') ? next : paths.controllers;
}

/**
 * /console: the first operator's setup link leads to setup; a logged-in person goes on to the
 * controllers (also right after logging in here); everyone else gets the login form.
 */
export function HomePage() {
  const t = useT();
  const { state, refresh } = useSessionContext();
  const setup = useResource<{ needed: boolean }>('/api/v1/setup');
  const token = new URLSearchParams(window.location.search).get('token');
  const setupNeeded = setup.status === 'ready' && setup.data.needed;

  useEffect(() => {
    if (setupNeeded && token) navigate(`/console/setup?token=${encodeURIComponent(token)}`, { replace: true });
    else if (state.status === 'ready') navigate(nextPath(), { replace: true });
  }, [setupNeeded, token, state.status]);

  return (
    <>
      <PageHeading title={t('console.title')} />
      {state.status === 'loading' || setup.status === 'loading' ? <LoadingPage /> : null}
      {state.status === 'error' ? (
        <>
          <ProblemAlert error={state.error} headline={t('console.unavailable')} />
          <button type="button" className="button" onClick={() => void refresh()}>
            {t('common.retry')}
          </button>
        </>
      ) : null}
      {state.status === 'anonymous' && setup.status !== 'loading' ? (
        <>
          <p className="lead">{t('console.body')}</p>
          {setupNeeded ? (
            <div className="alert alert--info">
              <p>{t('setup.neededNoToken')}</p>
            </div>
          ) : null}
          <LoginForm />
        </>
      ) : null}
    </>
  );
}
