import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { Link, navigate } from '../../router.tsx';
import { api, ApiError, controllerPath } from '../api.ts';
import { DESCRIPTION_TEMPLATE, stringify } from '../description.ts';
import { DescriptionProblems } from '../components/DescriptionProblems.tsx';
import { SubmitButton, TextAreaField } from '../components/fields.tsx';
import { ResourceStatus } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { RecordsOfProcessing } from '../components/RecordsOfProcessing.tsx';
import { useFormat } from '../format.ts';
import { may } from '../permissions.ts';
import { paths } from '../routes.ts';
import { useRole } from '../session.tsx';
import type { RegisterSummary } from '../types.ts';
import { useDescriptionValidation } from '../useDescriptionValidation.ts';
import { useResource } from '../useResource.ts';

/** /console/c/{controllerId}/registers: the controller's registers, and a new one. */
export function RegistersPage({ controllerId }: { controllerId: string }) {
  const t = useT();
  const f = useFormat();
  const role = useRole(controllerId);
  const list = useResource<{ items: RegisterSummary[] }>(controllerPath(controllerId, '/registers'));
  const items = list.data?.items ?? [];
  const [creating, setCreating] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);

  return (
    <>
      <PageHeading title={t('registers.title')} />
      <ResourceStatus resource={list} />
      {list.data && items.length === 0 ? <p>{t('registers.none')}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t('registers.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('registers.name')}</th>
                <th scope="col" className="num">
                  {t('registers.version')}
                </th>
                <th scope="col" className="num">
                  {t('registers.customers')}
                </th>
                <th scope="col">{t('registers.created')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={paths.register(controllerId, r.id)}>{r.name}</Link>
                  </th>
                  <td className="num">{f.number(r.currentVersion)}</td>
                  <td className="num">{typeof r.customers === 'number' ? f.number(r.customers) : '–'}</td>
                  <td>{f.date(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {may(role, 'register.write') ? (
        creating ? (
          <NewRegister
            controllerId={controllerId}
            onCancel={() => {
              setCreating(false);
              setTimeout(() => newButton.current?.focus());
            }}
          />
        ) : (
          <p>
            <button ref={newButton} type="button" className="button" onClick={() => setCreating(true)}>
              {t('registers.new')}
            </button>
          </p>
        )
      ) : null}
      {may(role, 'records.read') ? <RecordsOfProcessing controllerId={controllerId} /> : null}
    </>
  );
}

function NewRegister({ controllerId, onCancel }: { controllerId: string; onCancel: () => void }) {
  const t = useT();
  const problemsId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [text, setText] = useState(() => stringify(DESCRIPTION_TEMPLATE));
  const { parsed, validation } = useDescriptionValidation(text);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!parsed.ok) {
      setError(new ApiError(422, { detail: t('description.fixSyntax') }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<{ id: string }>(controllerPath(controllerId, '/registers'), {
        description: parsed.doc,
      });
      navigate(created?.id ? paths.register(controllerId, created.id) : paths.section(controllerId, 'registers'));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="new-register">
      <h2 id="new-register" ref={heading} tabIndex={-1}>
        {t('registers.newHeading')}
      </h2>
      <p>{t('registers.newIntro')}</p>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <ProblemAlert error={error} />
        <TextAreaField
          label={t('description.json')}
          className="field--code"
          rows={24}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          value={text}
          onChange={setText}
          describedBy={`${problemsId}-summary`}
          error={validation.state === 'syntax' ? t('description.fixSyntax') : undefined}
        />
        <DescriptionProblems id={problemsId} validation={validation} />
        <div className="form__actions">
          <SubmitButton busy={busy}>{t('registers.create')}</SubmitButton>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
