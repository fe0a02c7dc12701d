import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { api, ApiError } from '../api.ts';
import { revealedCode } from '../customer.ts';
import { SubmitButton, TextAreaField } from './fields.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { FormErrors } from './FormErrors.tsx';

const MIN_REASON = 5;

/**
 * The masked henkilötunnus, and for those allowed a "Reveal" that asks for the reason first: the
 * full code is recorded in the audit trail with it, and shown once (until the page changes).
 */
export function RevealIdentityCode({ masked, canReveal, path }: { masked: string; canReveal: boolean; path: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const revealButton = useRef<HTMLButtonElement>(null);
  const shown = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (open) reasonRef.current?.focus();
  }, [open]);
  useEffect(() => {
    if (code) shown.current?.focus();
  }, [code]);

  const close = () => {
    setOpen(false);
    setReason('');
    setReasonError(undefined);
    setError(null);
    setTimeout(() => revealButton.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (reason.trim().length < MIN_REASON) {
      setReasonError(t('reveal.reasonMissing', { min: String(MIN_REASON) }));
      reasonRef.current?.focus();
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<unknown>(path, { reason: reason.trim() });
      const full = revealedCode(answer);
      if (!full) throw new ApiError(500, { detail: 'The answer had no identity code' });
      setOpen(false);
      setCode(full);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
    } finally {
      setBusy(false);
    }
  };

  if (code) {
    return (
      <div className="reveal">
        <span ref={shown} tabIndex={-1} className="reveal__code">
          <span className="visually-hidden">{t('reveal.shownPrefix')} </span>
          <code>{code}</code>
        </span>
        <p className="field__hint">{t('reveal.recorded')}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => setCode(null)}>
          {t('reveal.hide')}
        </button>
      </div>
    );
  }

  return (
    <div className="reveal">
      <code>{masked}</code> <span className="muted">({t('reveal.masked')})</span>
      {canReveal && !open ? (
        <>
          {' '}
          <button
            ref={revealButton}
            type="button"
            className="button button--secondary button--small"
            onClick={() => setOpen(true)}
          >
            {t('reveal.button')}
          </button>
        </>
      ) : null}
      {open ? (
        <form className="form reveal__form" noValidate onSubmit={(e) => void submit(e)}>
          <ProblemAlert error={error} />
          {error ? null : <FormErrors count={reasonError ? 1 : 0} />}
          <TextAreaField
            label={t('reveal.reason')}
            hint={t('reveal.reasonHint')}
            rows={3}
            value={reason}
            onChange={setReason}
            error={reasonError}
            textareaRef={reasonRef}
          />
          <div className="form__actions">
            <SubmitButton busy={busy}>{t('reveal.submit')}</SubmitButton>
            <button type="button" className="button button--secondary" onClick={close}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
