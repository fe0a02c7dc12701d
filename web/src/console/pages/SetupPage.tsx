import { useT } from '../../i18n/index.tsx';
import { navigate } from '../../router.tsx';
import { api, setCsrfToken } from '../api.ts';
import { AccountForm, type AccountInput } from '../components/AccountForm.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { paths } from '../routes.ts';
import { useSessionContext } from '../session.tsx';

/** /console/setup?token=…: the first platform operator, from the one-time link the server printed. */
export function SetupPage() {
  const t = useT();
  const { refresh } = useSessionContext();
  const token = new URLSearchParams(window.location.search).get('token');

  const create = async (input: AccountInput) => {
    const answer = await api.post<{ csrfToken?: string }>('/api/v1/setup', { token, ...input });
    if (answer?.csrfToken) setCsrfToken(answer.csrfToken);
    await refresh();
    navigate(paths.controllers, { replace: true });
  };

  return (
    <>
      <PageHeading title={t('setup.title')} />
      {token ? (
        <>
          <p className="lead">{t('setup.intro')}</p>
          <AccountForm withEmail submitLabel={t('setup.submit')} onSubmit={create} />
        </>
      ) : (
        <div role="alert" className="alert alert--error">
          <p>{t('setup.noToken')}</p>
        </div>
      )}
    </>
  );
}
