import { useCallback, useEffect, useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { LoadingPage } from '../../ui/LoadingPage.tsx';
import { ProblemAlert } from '../../console/components/ProblemAlert.tsx';
import { LiveStatus } from '../../console/components/LiveStatus.tsx';
import { ApiError, isAbort, portalApi } from '../api.ts';
import { readOverview } from '../overview.ts';
import type { Overview, PortalRegister } from '../types.ts';
import { MerchantSection } from '../components/MerchantSection.tsx';
import { DownloadPanel } from '../components/DownloadPanel.tsx';

interface OverviewPageProps {
  /** Null after strong identification that gave no verified email. */
  email: string | null;
  onSignedOut: (message?: 'loggedOut') => void;
}

/** Everything the shops keep about the signed-in person, merchant by merchant, with what they may do about it. */
export function OverviewPage({ email, onSignedOut }: OverviewPageProps) {
  const t = useT();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    portalApi
      .overview(abort.signal)
      .then((body) => setOverview(readOverview(body)))
      .catch((e: unknown) => {
        if (isAbort(e)) return;
        if (e instanceof ApiError && e.status === 401) onSignedOut();
        else setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
      });
    return () => abort.abort();
  }, [onSignedOut]);

  const updateRegister = useCallback((registerId: string, update: (r: PortalRegister) => PortalRegister) => {
    setOverview((o) =>
      o
        ? {
            ...o,
            merchants: o.merchants.map((m) => ({
              ...m,
              registers: m.registers.map((r) => (r.registerId === registerId ? update(r) : r)),
            })),
          }
        : o,
    );
  }, []);

  /** An action answered 401: the session ended, so the page turns back into the sign-in form. */
  const onFailure = useCallback(
    (e: ApiError) => {
      if (e.status === 401) onSignedOut();
    },
    [onSignedOut],
  );

  const logout = async () => {
    try {
      await portalApi.signOut();
    } catch {
      // The cookie may be gone already; either way the person is signed out here.
    }
    onSignedOut('loggedOut');
  };
  // A session opened by e-ID may have no verified email to name.
  const who = overview?.email || email;

  return (
    <>
      <div className="portal-heading">
        <h1>{t('portal.title')}</h1>
        <p className="portal-heading__who">
          <span>{who ? t('oma.signedInAs', { email: who }) : t('oma.oidc.signedIn')}</span>{' '}
          <button type="button" className="button button--secondary button--small" onClick={() => void logout()}>
            {t('oma.logout')}
          </button>
        </p>
      </div>
      <LiveStatus message={message} />
      <ProblemAlert error={error} />
      {overview ? (
        overview.merchants.length ? (
          <>
            <DownloadPanel announce={setMessage} onFailure={onFailure} />
            <p className="lead">{t('oma.merchantsIntro')}</p>
            {overview.merchants.map((m) => (
              <MerchantSection
                key={m.controller.id}
                merchant={m}
                updateRegister={updateRegister}
                announce={setMessage}
                onFailure={onFailure}
              />
            ))}
          </>
        ) : (
          <p>{t('oma.noMerchants')}</p>
        )
      ) : error ? null : (
        <LoadingPage />
      )}
    </>
  );
}
