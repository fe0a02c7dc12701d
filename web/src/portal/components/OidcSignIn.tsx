import { useEffect, useId, useState } from 'react';
import { useLang, useT } from '../../i18n/index.tsx';
import { portalApi } from '../api.ts';

/**
 * The sign-in page's second way in: strong identification at the identity provider the server is
 * configured with (GET /api/v1/portal/config). Nothing is shown when there is none.
 */
export function OidcSignIn() {
  const t = useT();
  const { lang } = useLang();
  const headingId = useId();
  const [name, setName] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    portalApi
      .get<{ oidc: { name: string } | null }>('/api/v1/portal/config')
      .then((config) => {
        if (live) setName(config.oidc?.name ?? null);
      })
      .catch(() => {
        // Without the answer the email link is still there: the button is left out.
      });
    return () => {
      live = false;
    };
  }, []);

  if (!name) return null;
  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>{t('oma.oidc.heading')}</h2>
      <p>{t('oma.oidc.intro')}</p>
      <p>
        {/* A full page load: the server redirects to the provider. */}
        <a className="button" href={`/oma/oidc/start?lang=${lang}`}>
          {t('oma.oidc.button', { name })}
        </a>
      </p>
    </section>
  );
}

/** After `/oma?loginError=oidc`: the identification failed or was cancelled. Said once; the address is cleaned. */
export function OidcLoginError() {
  const t = useT();
  const [failed] = useState(() => new URLSearchParams(window.location.search).get('loginError') === 'oidc');

  useEffect(() => {
    if (!failed) return;
    const url = new URL(window.location.href);
    url.searchParams.delete('loginError');
    window.history.replaceState(window.history.state, '', url);
  }, [failed]);

  if (!failed) return null;
  return (
    <div role="alert" className="alert alert--error">
      <p>{t('oma.oidc.loginError')}</p>
    </div>
  );
}
