import { useEffect, useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { navigate } from '../../router.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { problemHeadline } from '../../console/problems.ts';
import { ApiError, portalApi } from '../api.ts';
import type { PortalSession } from '../types.ts';
import { LoginPage } from './LoginPage.tsx';

// A sign-in link works once: remember the exchange per token, so that React's second run of the
// effect (StrictMode, or a re-render) waits for the same answer instead of spending the link again.
const exchanges = new Map<string, Promise<PortalSession>>();

function exchange(token: string): Promise<PortalSession> {
  let pending = exchanges.get(token);
  if (!pending) {
    pending = portalApi.signIn(token);
    exchanges.set(token, pending);
  }
  return pending;
}

type Landing =
  | { status: 'working' }
  | { status: 'invalid' }
  | { status: 'missing' }
  | { status: 'other' }
  | { status: 'error'; error: ApiError };

/** /oma/login?token=…: trades the link's token for a session, then shows the overview. */
export function LoginLanding() {
  const t = useT();
  usePageTitle(t('portal.title'));
  const [token] = useState(() => new URLSearchParams(window.location.search).get('token'));
  const [state, setState] = useState<Landing>(token ? { status: 'working' } : { status: 'missing' });
  const [attempt, setAttempt] = useState(0);

  /** Signed in as someone else: sign that person out, then spend the link (it was left unspent). */
  const switchPerson = async () => {
    try {
      await portalApi.signOut();
    } catch {
      // Signed out already.
    }
    if (token) exchanges.delete(token);
    setState({ status: 'working' });
    setAttempt((n) => n + 1);
  };

  useEffect(() => {
    if (!token) return;
    let live = true;
    exchange(token)
      .then(() => {
        // The token is spent: leave it out of the address and the history.
        if (live) navigate('/oma', { replace: true });
      })
      .catch((error: unknown) => {
        if (!live) return;
        const apiError = error instanceof ApiError ? error : new ApiError(0, { detail: String(error) });
        const invalid =
          apiError.code === 'invalid_login_link' ||
          apiError.status === 401 ||
          apiError.status === 410 ||
          apiError.status === 404;
        if (apiError.code === 'signed_in_as_other') setState({ status: 'other' });
        else setState(invalid ? { status: 'invalid' } : { status: 'error', error: apiError });
      });
    return () => {
      live = false;
    };
  }, [token, attempt]);

  switch (state.status) {
    case 'working':
      return (
        <>
          <h1>{t('portal.title')}</h1>
          <p role="status" className="loading">
            {t('oma.landing.signingIn')}
          </p>
        </>
      );
    case 'other':
      return (
        <>
          <h1>{t('portal.title')}</h1>
          <p>{t('oma.landing.otherPerson')}</p>
          <p>
            <button type="button" className="button" onClick={() => void switchPerson()}>
              {t('oma.landing.switchPerson')}
            </button>
          </p>
        </>
      );
    case 'invalid':
      return <LoginPage notice={t('oma.landing.invalid')} />;
    case 'missing':
      return <LoginPage notice={t('oma.landing.missing')} />;
    case 'error':
      return <LoginPage notice={problemHeadline(t, state.error)} />;
  }
}
