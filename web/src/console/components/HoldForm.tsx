import { useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { api, ApiError } from '../api.ts';
import { fieldErrors } from '../problems.ts';
import {
  HOLD_KINDS,
  HOLD_MAX_YEARS,
  HOLD_REASON_MAX,
  HOLD_REASON_MIN,
  latestHoldDate,
  todayInFinland,
  useRetentionLabels,
} from '../retention.ts';
import { SelectField, SubmitButton, TextField } from './fields.tsx';
import { FormErrors } from './FormErrors.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

interface HoldFormProps {
  /** POST …/customers/{subjectId}/holds */
  path: string;
  /** The customer's order numbers: a hold may cover one order instead of the whole customer. */
  orderIds: string[];
  onAdded: () => void;
}

type Problems = Partial<Record<'kind' | 'reason' | 'until' | 'orderId', string>>;
const FORM_FIELDS = ['kind', 'reason', 'until', 'orderId'] as const;

/** A legal hold: its kind, why (the invoice, the claim), until when, and the whole customer or one order. */
export function HoldForm({ path, orderIds, onAdded }: HoldFormProps) {
  const t = useT();
  const labels = useRetentionLabels();
  const id = useId();
  const [kind, setKind] = useState<string>('open_invoice');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [orderId, setOrderId] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);
  const untilRef = useRef<HTMLInputElement>(null);
  const today = todayInFinland();
  const latest = latestHoldDate(today);

  const focusFirst = (found: Problems) => {
    if (found.reason) reasonRef.current?.focus();
    else if (found.until) untilRef.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Problems = {};
    const why = reason.trim();
    if (why.length < HOLD_REASON_MIN) found.reason = t('hold.reasonMissing', { min: String(HOLD_REASON_MIN) });
    else if (why.length > HOLD_REASON_MAX) found.reason = t('hold.reasonTooLong', { max: String(HOLD_REASON_MAX) });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) found.until = t('hold.untilMissing');
    else if (until < today) found.until = t('problem.field.inThePast');
    else if (until > latest) found.until = t('problem.field.tooFar');
    setProblems(found);
    setError(null);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      await api.post(path, { kind, reason: why, until, ...(orderId ? { orderId } : {}) });
      setKind('open_invoice');
      setReason('');
      setUntil('');
      setOrderId('');
      onAdded();
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
      const byField: Problems = {};
      for (const [field, message] of Object.entries(fieldErrors(t, apiError))) {
        if ((FORM_FIELDS as readonly string[]).includes(field)) byField[field as keyof Problems] ??= message;
      }
      setError(apiError);
      setProblems(byField);
      focusFirst(byField);
    } finally {
      setBusy(false);
    }
  };

  const shownFields = (error?.errors ?? [])
    .map((p) => p.field)
    .filter((f) => (FORM_FIELDS as readonly string[]).includes(f));

  return (
    <form className="form panel" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t('hold.addHeading')}</h4>
      <p>{t('hold.addIntro')}</p>
      <ProblemAlert error={error} shownFields={shownFields} />
      {error ? null : <FormErrors count={Object.keys(problems).length} />}
      <SelectField
        label={t('hold.kind')}
        value={kind}
        onChange={setKind}
        error={problems.kind}
        options={HOLD_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
      />
      <TextField
        label={t('hold.reason')}
        hint={t('hold.reasonHint')}
        value={reason}
        onChange={setReason}
        error={problems.reason}
        inputRef={reasonRef}
        maxLength={HOLD_REASON_MAX}
        autoComplete="off"
      />
      <TextField
        className="field--short"
        label={t('hold.until')}
        hint={t('hold.untilHint', { years: String(HOLD_MAX_YEARS) })}
        type="date"
        min={today}
        max={latest}
        value={until}
        onChange={setUntil}
        error={problems.until}
        inputRef={untilRef}
      />
      {orderIds.length ? (
        <SelectField
          label={t('hold.order')}
          hint={t('hold.orderHint')}
          value={orderId}
          onChange={setOrderId}
          error={problems.orderId}
          options={[
            { value: '', label: t('hold.wholeCustomer') },
            ...orderIds.map((o) => ({ value: o, label: t('hold.orderN', { orderId: o }) })),
          ]}
        />
      ) : null}
      <div className="form__actions">
        <SubmitButton busy={busy}>{t('hold.add')}</SubmitButton>
      </div>
    </form>
  );
}
