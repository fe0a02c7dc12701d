import { useT } from '../../i18n/index.tsx';
import { navigate } from '../../router.tsx';
import { api, setCsrfToken } from '../api.ts';
import { AccountForm, type AccountInput } from '../components/AccountForm.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { paths } from '../routes.ts';
import { useSessionContext } from '../session.tsx';

/** /console/invite?token=…: accept an invitation to a controller's staff. */
export function InvitePage() {
  const t = useT();
  const { refresh } = useSessionContext();
  const token = new URLSearchParams(window.location.search).get('token');

  const accept = async ({ name, password }: AccountInput) => {
    const answer = await api.post<{ csrfToken?: string; controllerId?: string }>('/api/v1/invites/accept', {
      token,
      name,
      password,
    });
    if (answer?.csrfToken) setCsrfToken(answer.csrfToken);
    await refresh();
    navigate(answer?.controllerId ? paths.section(answer.controllerId, 'registers') : paths.controllers, {
      replace: true,
    });
  };

  return (
    <>
      <PageHeading title={t('invite.title')} />
      {token ? (
        <>
          <p className="lead">{t('invite.intro')}</p>
          <AccountForm
            withEmail={false}
            submitLabel={t('invite.submit')}
            passwordHint={t('invite.passwordHint')}
            onSubmit={accept}
          />
        </>
      ) : (
        <div role="alert" className="alert alert--error">
          <p>{t('invite.noToken')}</p>
        </div>
      )}
    </>
  );
}
