import { useId, useMemo, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { ProblemAlert } from '../../console/components/ProblemAlert.tsx';
import { SubmitButton, TextField } from '../../console/components/fields.tsx';
import { fieldErrors } from '../../console/problems.ts';
import { useFieldCatalogue } from '../../console/useLabels.ts';
import { useFormat } from '../../console/format.ts';
import { ApiError, portalApi, subjectPath } from '../api.ts';
import { valueText } from '../overview.ts';
import type { PortalRegister, PortalRequest } from '../types.ts';
import type { RegisterActions } from './MerchantSection.tsx';

interface CorrectionAnswer {
  corrected: string[];
  request: { id: string; dueDate: string; fields: string[] } | null;
  fields: Record<string, unknown>;
}

/** Text the person edits for a stored value; the identity code starts empty (only its mask is known). */
function initialText(field: string, value: unknown): string {
  if (field === 'personalIdentityCode') return '';
  return valueText(value);
}

/**
 * Correction of one's data (GDPR art. 16): the fields the person may change are written at once;
 * the email address and identity codes go to the merchant as a request with its due date.
 */
export function CorrectionPanel({
  register,
  updateRegister,
  announce,
  onFailure,
}: RegisterActions & { register: PortalRegister }) {
  const t = useT();
  const format = useFormat();
  const { label } = useFieldCatalogue();
  const headingId = useId();
  const correctable = register.subject.correctable;
  const initial = useMemo(
    () => Object.fromEntries(correctable.map((c) => [c.field, initialText(c.field, register.subject.fields[c.field])])),
    [correctable, register.subject.fields],
  );
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (correctable.length === 0) return null;
  const errors = fieldErrors(t, error);

  const start = () => {
    setValues(initial);
    setError(null);
    setDone(null);
    setOpen(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const changes: Record<string, string | string[] | null> = {};
    for (const c of correctable) {
      const now = (values[c.field] ?? '').trim();
      if (now === (initial[c.field] ?? '').trim()) continue;
      if (c.field === 'interests')
        changes[c.field] = now
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
      else changes[c.field] = now === '' ? null : now;
    }
    if (Object.keys(changes).length === 0) {
      setDone(t('oma.correct.nothing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await portalApi.patch<CorrectionAnswer>(subjectPath(register.registerId, register.subject.id), {
        fields: changes,
      });
      const request: PortalRequest | null = answer.request
        ? {
            id: answer.request.id,
            types: ['rectification'],
            status: 'received',
            receivedAt: new Date().toISOString(),
            dueDate: answer.request.dueDate,
            extendedDueDate: null,
            message: null,
            details: {},
            history: [],
          }
        : null;
      updateRegister(register.registerId, (r) => ({
        ...r,
        subject: { ...r.subject, fields: answer.fields },
        requests: request ? [request, ...r.requests] : r.requests,
      }));
      const parts: string[] = [];
      if (answer.corrected.length)
        parts.push(t('oma.correct.saved', { fields: answer.corrected.map((f) => label(f)).join(', ') }));
      if (answer.request)
        parts.push(
          t('oma.correct.requested', {
            fields: answer.request.fields.map((f) => label(f)).join(', '),
            date: format.day(answer.request.dueDate),
          }),
        );
      const message = parts.join(' ') || t('oma.correct.nothing');
      setDone(message);
      announce(message);
      setOpen(false);
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
      <h4 id={headingId}>{t('oma.correct.heading')}</h4>
      <p>{t('oma.correct.intro')}</p>
      {done ? <p className="notice">{done}</p> : null}
      {open ? (
        <form className="form" noValidate onSubmit={(e) => void submit(e)}>
          <ProblemAlert error={error} shownFields={correctable.map((c) => `fields.${c.field}`)} />
          {correctable.map((c) => (
            <TextField
              key={c.field}
              label={label(c.field)}
              value={values[c.field] ?? ''}
              onChange={(v) => setValues((old) => ({ ...old, [c.field]: v }))}
              optional={!c.required}
              hint={
                c.how === 'request'
                  ? c.field === 'personalIdentityCode' && register.subject.fields[c.field]
                    ? t('oma.correct.hetuHint', { masked: valueText(register.subject.fields[c.field]) })
                    : t('oma.correct.byRequest')
                  : c.field === 'interests'
                    ? t('oma.correct.listHint')
                    : undefined
              }
              error={errors[`fields.${c.field}`]}
              autoComplete="off"
            />
          ))}
          <div className="form__actions">
            <SubmitButton busy={busy}>{t('oma.correct.save')}</SubmitButton>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
              {t('oma.correct.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p>
          <button type="button" className="button button--secondary" onClick={start}>
            {t('oma.correct.open')}
          </button>
        </p>
      )}
    </section>
  );
}
