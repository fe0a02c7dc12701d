import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { api, ApiError } from '../api.ts';
import { isBusinessId } from '../businessId.ts';
import { SubmitButton, TextField } from '../components/fields.tsx';
import { LiveStatus } from '../components/LiveStatus.tsx';
import { OverdueRequests, useRequestDeadlines } from '../components/OverdueRequests.tsx';
import { ResourceStatus } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { ProcessorRecord } from '../components/RecordsOfProcessing.tsx';
import { FormErrors } from '../components/FormErrors.tsx';
import { fieldErrors } from '../problems.ts';
import { paths } from '../routes.ts';
import { useSession, useSessionContext } from '../session.tsx';
import type { Controller } from '../types.ts';
import { useResource } from '../useResource.ts';
import { useRoleName } from '../useLabels.ts';

/** /console/controllers: the controllers the person works for; operators also create them. */
export function ControllersPage() {
  const t = useT();
  const session = useSession();
  const roleName = useRoleName();
  const list = useResource<{ items: Controller[] }>('/api/v1/controllers');
  const deadlines = useRequestDeadlines();
  const items = list.data?.items ?? [];

  return (
    <>
      <PageHeading title={t('controllers.title')} />
      <ResourceStatus resource={list} />
      {list.data ? (
        items.length === 0 ? (
          <p>{session.staff.isOperator ? t('controllers.noneOperator') : t('controllers.none')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t('controllers.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('controllers.name')}</th>
                  <th scope="col">{t('controllers.businessId')}</th>
                  <th scope="col">{t('controllers.yourRole')}</th>
                  <th scope="col">{t('controllers.requireTotp')}</th>
                  <th scope="col">{t('requestList.front.column')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={paths.section(c.id, 'registers')}>{c.name}</Link>
                    </th>
                    <td>{c.businessId}</td>
                    <td>{c.role ? roleName(c.role) : t('controllers.noRole')}</td>
                    <td>{c.requireTotp ? t('common.yes') : t('common.no')}</td>
                    <td>{deadlines ? <OverdueRequests controllerId={c.id} counts={deadlines.get(c.id)} /> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {session.staff.isOperator ? <CreateController onCreated={list.reload} /> : null}
      {session.staff.isOperator ? <ProcessorRecord /> : null}
    </>
  );
}

function CreateController({ onCreated }: { onCreated: () => void }) {
  const t = useT();
  const { refresh, reloadControllers } = useSessionContext();
  const [name, setName] = useState('');
  const [businessId, setBusinessId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('controllers.nameMissing');
    if (!isBusinessId(businessId)) found.businessId = t('problem.field.invalidBusinessId');
    setProblems(found);
    setError(null);
    setDone(null);
    const focusInvalid = () => setTimeout(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    if (Object.keys(found).length) {
      focusInvalid();
      return;
    }
    setBusy(true);
    try {
      const created = await api.post<Controller>('/api/v1/controllers', {
        name: name.trim(),
        businessId: businessId.trim(),
      });
      setName('');
      setBusinessId('');
      setDone(t('controllers.created', { name: created?.name ?? name.trim() }));
      onCreated();
      reloadControllers();
      await refresh();
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
      setError(apiError);
      setProblems(fieldErrors(t, apiError));
      focusInvalid();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="create-controller">
      <h2 id="create-controller">{t('controllers.createHeading')}</h2>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <ProblemAlert error={error} shownFields={['name', 'businessId']} />
        {error ? null : <FormErrors count={Object.keys(problems).length} />}
        <TextField
          label={t('controllers.name')}
          value={name}
          onChange={setName}
          error={problems.name}
          autoComplete="organization"
        />
        <TextField
          label={t('controllers.businessId')}
          hint={t('controllers.businessIdHint')}
          className="field--short"
          value={businessId}
          onChange={setBusinessId}
          error={problems.businessId}
        />
        <div className="form__actions">
          <SubmitButton busy={busy}>{t('controllers.create')}</SubmitButton>
        </div>
        <LiveStatus message={done} />
      </form>
    </section>
  );
}
