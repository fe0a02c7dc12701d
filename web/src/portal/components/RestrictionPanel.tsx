import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { ProblemAlert } from '../../console/components/ProblemAlert.tsx';
import { SubmitButton, TextAreaField } from '../../console/components/fields.tsx';
import { fieldErrors } from '../../console/problems.ts';
import { ApiError, portalApi, subjectPath } from '../api.ts';
import type { PortalRegister } from '../types.ts';
import type { RegisterActions } from './MerchantSection.tsx';

/** Restriction of processing (GDPR art. 18): on with a reason in the person's words, or off. */
export function RestrictionPanel({
  register,
  updateRegister,
  announce,
  onFailure,
}: RegisterActions & { register: PortalRegister }) {
  const t = useT();
  const headingId = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const restricted = register.subject.restricted;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const next = !restricted;
    try {
      const text = reason.trim();
      await portalApi.put(`${subjectPath(register.registerId, register.subject.id)}/restriction`, {
        restricted: next,
        ...(text ? { reason: text } : {}),
      });
      updateRegister(register.registerId, (r) => ({ ...r, subject: { ...r.subject, restricted: next } }));
      setReason('');
      announce(next ? t('oma.restriction.restricted') : t('oma.restriction.lifted'));
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
      setError(apiError);
      onFailure(apiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="subsection">
      <h4 id={headingId}>{t('oma.restriction.heading')}</h4>
      <p>{t('oma.restriction.intro')}</p>
      <p>
        <strong>{restricted ? t('oma.restriction.on') : t('oma.restriction.off')}</strong>
      </p>
      <ProblemAlert error={error} shownFields={['reason']} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        {restricted ? null : (
          <TextAreaField
            label={t('oma.restriction.reason')}
            hint={t('oma.restriction.reasonHint')}
            optional
            rows={2}
            value={reason}
            onChange={setReason}
            error={fieldErrors(t, error).reason}
          />
        )}
        <div className="form__actions">
          <SubmitButton busy={busy} className="button button--secondary">
            {restricted ? t('oma.restriction.lift') : t('oma.restriction.restrict')}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
