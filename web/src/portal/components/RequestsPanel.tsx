import { useId, useState, type FormEvent } from 'react';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { ProblemAlert } from '../../console/components/ProblemAlert.tsx';
import { CheckboxField, SubmitButton, TextAreaField } from '../../console/components/fields.tsx';
import { fieldErrors } from '../../console/problems.ts';
import { useFormat } from '../../console/format.ts';
import { useFieldCatalogue } from '../../console/useLabels.ts';
import { ApiError, portalApi, subjectPath } from '../api.ts';
import type { PortalRegister, PortalRequest } from '../types.ts';
import type { RegisterActions } from './MerchantSection.tsx';

export const REQUEST_TYPE_KEYS: Record<string, MessageKey> = {
  access: 'oma.request.type.access',
  rectification: 'oma.request.type.rectification',
  erasure: 'oma.request.type.erasure',
  restriction: 'oma.request.type.restriction',
  portability: 'oma.request.type.portability',
  objection: 'oma.request.type.objection',
  consent_withdrawal: 'oma.request.type.consent_withdrawal',
};

export const REQUEST_STATUS_KEYS: Record<string, MessageKey> = {
  received: 'oma.request.status.received',
  verifying: 'oma.request.status.verifying',
  in_progress: 'oma.request.status.in_progress',
  extended: 'oma.request.status.extended',
  done: 'oma.request.status.done',
  partly_done: 'oma.request.status.partly_done',
  refused: 'oma.request.status.refused',
};

const ASKABLE = ['objection', 'access', 'rectification', 'erasure', 'restriction', 'portability'] as const;

/**
 * Requests to the merchant's desk (GDPR art. 12(3)): what the portal cannot do at once, answered
 * by the merchant within a month, with their progress.
 */
export function RequestsPanel({
  register,
  updateRegister,
  announce,
  onFailure,
}: RegisterActions & { register: PortalRegister }) {
  const t = useT();
  const format = useFormat();
  const { label } = useFieldCatalogue();
  const headingId = useId();
  const [types, setTypes] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const errors = fieldErrors(t, error);
  const typeError = Object.entries(errors).find(([k]) => k === 'types' || k.startsWith('types.'))?.[1];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const created = await portalApi.post<PortalRequest>(
        `${subjectPath(register.registerId, register.subject.id)}/requests`,
        { types, message },
      );
      updateRegister(register.registerId, (r) => ({ ...r, requests: [created, ...r.requests] }));
      setTypes([]);
      setMessage('');
      announce(t('oma.request.sent', { date: format.day(created.dueDate) }));
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
      setError(apiError);
      onFailure(apiError);
    } finally {
      setBusy(false);
    }
  };

  const detailText = (r: PortalRequest): string | null => {
    const rect = r.details.rectification;
    if (rect && typeof rect === 'object')
      return Object.entries(rect as Record<string, unknown>)
        .map(([field, value]) => `${label(field)}: ${String(value)}`)
        .join('; ');
    return r.message;
  };

  return (
    <section aria-labelledby={headingId} className="subsection">
      <h4 id={headingId}>{t('oma.request.heading')}</h4>
      <p>{t('oma.request.intro')}</p>
      {register.requests.length ? (
        <ul className="request-list">
          {register.requests.map((r) => (
            <li key={r.id} className="request-list__item">
              <strong>{r.types.map((k) => (REQUEST_TYPE_KEYS[k] ? t(REQUEST_TYPE_KEYS[k]) : k)).join(', ')}</strong>
              {' – '}
              <span>{REQUEST_STATUS_KEYS[r.status] ? t(REQUEST_STATUS_KEYS[r.status]!) : r.status}</span>
              <br />
              <span>{t('oma.request.dates', { received: format.date(r.receivedAt), due: format.day(r.dueDate) })}</span>
              {detailText(r) ? (
                <>
                  <br />
                  <span className="request-list__detail">{detailText(r)}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('oma.request.none')}</p>
      )}
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <ProblemAlert error={error} shownFields={['message', 'types', ...ASKABLE.map((_, i) => `types.${i}`)]} />
        <fieldset className="fieldset">
          <legend>{t('oma.request.types')}</legend>
          {typeError ? (
            <p className="field__error" role="alert">
              {typeError}
            </p>
          ) : null}
          {ASKABLE.map((type) => (
            <CheckboxField
              key={type}
              label={t(REQUEST_TYPE_KEYS[type]!)}
              checked={types.includes(type)}
              onChange={(on) => setTypes((old) => (on ? [...old, type] : old.filter((x) => x !== type)))}
            />
          ))}
        </fieldset>
        <TextAreaField
          label={t('oma.request.message')}
          hint={t('oma.request.messageHint')}
          rows={3}
          value={message}
          onChange={setMessage}
          error={errors.message}
        />
        <div className="form__actions">
          <SubmitButton busy={busy} className="button button--secondary">
            {t('oma.request.send')}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
