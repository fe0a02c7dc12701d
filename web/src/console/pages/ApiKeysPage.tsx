import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { api, ApiError, controllerPath } from '../api.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { SubmitButton, TextField } from '../components/fields.tsx';
import { LiveStatus } from '../components/LiveStatus.tsx';
import { ResourceStatus } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { FormErrors } from '../components/FormErrors.tsx';
import { useFormat } from '../format.ts';
import { may } from '../permissions.ts';
import { fieldErrors } from '../problems.ts';
import { useRole } from '../session.tsx';
import type { ApiKey } from '../types.ts';
import { useResource } from '../useResource.ts';

/** Focus moves to an element that appears with the next render. */
const focusLater = (selector: string) => setTimeout(() => document.querySelector<HTMLElement>(selector)?.focus());

/** /console/c/{controllerId}/api-keys: the keys shops use for the API. */
export function ApiKeysPage({ controllerId }: { controllerId: string }) {
  const t = useT();
  const f = useFormat();
  const role = useRole(controllerId);
  const canWrite = may(role, 'apikey.write');
  const list = useResource<{ items: ApiKey[] }>(controllerPath(controllerId, '/api-keys'));
  const items = list.data?.items ?? [];
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [confirming, setConfirming] = useState<ApiKey | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  return (
    <>
      <PageHeading title={t('apiKeys.title')} />
      <p className="lead">{t('apiKeys.intro')}</p>
      <LiveStatus message={message} />
      {created ? <NewKey name={created.name} secret={created.key} onDone={() => setCreated(null)} /> : null}
      <ResourceStatus resource={list} />
      {list.data && items.length === 0 ? <p>{t('apiKeys.none')}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t('apiKeys.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('apiKeys.name')}</th>
                <th scope="col">{t('apiKeys.prefix')}</th>
                <th scope="col">{t('apiKeys.created')}</th>
                <th scope="col">{t('apiKeys.state')}</th>
                {canWrite ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id}>
                  <th scope="row" tabIndex={-1} data-key-row={k.id}>
                    {k.name}
                  </th>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{f.dateTime(k.createdAt)}</td>
                  <td>
                    {k.revokedAt ? t('apiKeys.revokedAt', { date: f.dateTime(k.revokedAt) }) : t('apiKeys.active')}
                  </td>
                  {canWrite ? (
                    <td>
                      {!k.revokedAt ? (
                        confirming?.id === k.id ? (
                          <ConfirmRevoke
                            controllerId={controllerId}
                            apiKey={k}
                            onCancel={() => {
                              setConfirming(null);
                              focusLater(`[data-revoke="${k.id}"]`);
                            }}
                            onRevoked={() => {
                              setConfirming(null);
                              setMessage(t('apiKeys.revoked', { name: k.name }));
                              list.reload();
                              focusLater(`[data-key-row="${k.id}"]`);
                            }}
                          />
                        ) : (
                          <button
                            type="button"
                            data-revoke={k.id}
                            className="button button--danger button--small"
                            onClick={() => setConfirming(k)}
                          >
                            {t('apiKeys.revoke')}
                            <span className="visually-hidden"> {k.name}</span>
                          </button>
                        )
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canWrite ? (
        <CreateKey
          controllerId={controllerId}
          onCreated={(name, key) => {
            setCreated({ name, key });
            setMessage(null);
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}

/** The new key, once: after this it cannot be seen again. */
function NewKey({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [secret]);
  return (
    <section className="panel panel--important" aria-labelledby="new-key">
      <h2 id="new-key" ref={heading} tabIndex={-1}>
        {t('apiKeys.newKeyHeading', { name })}
      </h2>
      <p>{t('apiKeys.newKeyOnce')}</p>
      <p className="secret-row">
        <code className="secret" id="new-key-value">
          {secret}
        </code>
      </p>
      <p className="form__actions">
        <CopyButton text={secret} label={t('apiKeys.copy')} />
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('apiKeys.stored')}
        </button>
      </p>
    </section>
  );
}

function ConfirmRevoke({
  controllerId,
  apiKey,
  onCancel,
  onRevoked,
}: {
  controllerId: string;
  apiKey: ApiKey;
  onCancel: () => void;
  onRevoked: () => void;
}) {
  const t = useT();
  const question = useRef<HTMLParagraphElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => question.current?.focus(), []);

  const revoke = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.delete(controllerPath(controllerId, `/api-keys/${encodeURIComponent(apiKey.id)}`));
      onRevoked();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
      setBusy(false);
    }
  };

  return (
    <div className="confirm" role="group" aria-label={t('apiKeys.confirmLabel', { name: apiKey.name })}>
      <p ref={question} tabIndex={-1}>
        {t('apiKeys.confirm', { name: apiKey.name })}
      </p>
      <ProblemAlert error={error} />
      <button
        type="button"
        className="button button--danger button--small"
        aria-disabled={busy || undefined}
        onClick={() => void revoke()}
      >
        {t('apiKeys.confirmYes')}
      </button>{' '}
      <button type="button" className="button button--secondary button--small" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

function CreateKey({
  controllerId,
  onCreated,
}: {
  controllerId: string;
  onCreated: (name: string, key: string) => void;
}) {
  const t = useT();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [nameError, setNameError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setNameError(t('apiKeys.nameMissing'));
      input.current?.focus();
      return;
    }
    setNameError(undefined);
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<{ id: string; key: string }>(controllerPath(controllerId, '/api-keys'), {
        name: name.trim(),
      });
      onCreated(name.trim(), answer.key);
      setName('');
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
      setError(apiError);
      setNameError(fieldErrors(t, apiError).name);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="create-key">
      <h2 id="create-key">{t('apiKeys.createHeading')}</h2>
      <form className="form form--inline" noValidate onSubmit={(e) => void submit(e)}>
        <ProblemAlert error={error} shownFields={['name']} />
        {error ? null : <FormErrors count={nameError ? 1 : 0} />}
        <TextField
          label={t('apiKeys.name')}
          hint={t('apiKeys.nameHint')}
          value={name}
          onChange={setName}
          error={nameError}
          inputRef={input}
          autoComplete="off"
        />
        <div className="form__actions">
          <SubmitButton busy={busy}>{t('apiKeys.create')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
