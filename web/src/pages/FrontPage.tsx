import { useEffect, useState } from 'react';
import { useT, type MessageKey } from '../i18n/index.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

type Health =
  { state: 'checking' } | { state: 'ok'; database: string } | { state: 'databaseDown' } | { state: 'error' };

const databaseNames: Record<string, MessageKey> = {
  pglite: 'front.status.db.pglite',
  postgres: 'front.status.db.postgres',
};

/** Asks /healthz once: `{ status: 'ok' | 'unavailable', database: 'pglite' | 'postgres' }`. */
function useHealth(): Health {
  const [health, setHealth] = useState<Health>({ state: 'checking' });
  useEffect(() => {
    const abort = new AbortController();
    void (async () => {
      try {
        const res = await fetch('/healthz', { signal: abort.signal, headers: { accept: 'application/json' } });
        const body = (await res.json()) as { status?: unknown; database?: unknown };
        if (res.ok && body.status === 'ok') setHealth({ state: 'ok', database: String(body.database) });
        else if (res.status === 503 && body.status === 'unavailable') setHealth({ state: 'databaseDown' });
        else setHealth({ state: 'error' });
      } catch {
        if (!abort.signal.aborted) setHealth({ state: 'error' });
      }
    })();
    return () => abort.abort();
  }, []);
  return health;
}

export function FrontPage() {
  const t = useT();
  const health = useHealth();
  usePageTitle(t('front.title'));

  let status: string;
  switch (health.state) {
    case 'checking':
      status = t('front.status.checking');
      break;
    case 'ok': {
      const nameKey = databaseNames[health.database];
      status = t('front.status.ok', { database: nameKey ? t(nameKey) : health.database });
      break;
    }
    case 'databaseDown':
      status = t('front.status.databaseDown');
      break;
    case 'error':
      status = t('front.status.error');
      break;
  }

  return (
    <>
      <h1>{t('front.title')}</h1>
      <p className="lead">{t('front.intro')}</p>

      <section aria-labelledby="front-status" className="panel">
        <h2 id="front-status">{t('front.status')}</h2>
        <p role="status" className={`status status--${health.state}`} data-state={health.state}>
          <span className="status__dot" aria-hidden="true" />
          {status}
        </p>
      </section>

      <section aria-labelledby="front-developers" className="panel">
        <h2 id="front-developers">{t('front.developers')}</h2>
        <ul className="link-list">
          <li>
            <a href="/docs">{t('front.apiDocs')}</a>
          </li>
          <li>
            <a href="/openapi.json">{t('front.openApi')}</a>
          </li>
        </ul>
      </section>
    </>
  );
}
