import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { api, ApiError } from '../api.ts';
import { SubmitButton, TextField } from '../components/fields.tsx';
import { LiveStatus } from '../components/LiveStatus.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { FormErrors } from '../components/FormErrors.tsx';
import { useSession, useSessionContext } from '../session.tsx';
import type { TotpEnrolment } from '../types.ts';

const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** The secret in groups of four, easier to type into an app by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** /console/security: two-step verification with an authenticator app (TOTP). */
export function SecurityPage() {
  const t = useT();
  const session = useSession();
  const { refresh } = useSessionContext();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (enrolment) stepHeading.current?.focus();
  }, [enrolment]);

  const start = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setEnrolment(await api.post<TotpEnrolment>('/api/v1/session/totp'));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const input = event.currentTarget.querySelector<HTMLInputElement>('input');
    if (!/^\d{6}$/.test(code)) {
      setCodeError(t('login.codeFormat'));
      input?.focus();
      return;
    }
    setCodeError(undefined);
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/session/totp/confirm', { code });
      setEnrolment(null);
      setCode('');
      setDone(t('security.enabled'));
      await refresh();
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
      if (apiError.status === 422 || apiError.status === 400 || apiError.status === 401) {
        setCodeError(t('security.codeWrong'));
        input?.focus();
      } else {
        setError(apiError);
      }
    } finally {
      setBusy(false);
    }
  };

  const needsTotp = session.memberships.filter((m) => m.requireTotp);

  return (
    <>
      <PageHeading title={t('security.title')} />
      <p className="lead">{t('security.intro')}</p>
      <LiveStatus message={done} />
      <ProblemAlert error={error} />
      <section className="panel" aria-labelledby="totp-status">
        <h2 id="totp-status">{t('security.statusHeading')}</h2>
        <p>{session.staff.totpEnabled ? t('security.on') : t('security.off')}</p>
        {needsTotp.length > 0 && !session.staff.totpEnabled ? (
          <p>{t('security.required', { controllers: needsTotp.map((m) => m.controllerName).join(', ') })}</p>
        ) : null}
        {!enrolment ? (
          <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => void start()}>
            {session.staff.totpEnabled ? t('security.restart') : t('security.start')}
          </button>
        ) : null}
      </section>
      {enrolment ? (
        <section className="panel" aria-labelledby="totp-setup">
          <h2 id="totp-setup" ref={stepHeading} tabIndex={-1}>
            {t('security.setupHeading')}
          </h2>
          <ol className="steps">
            <li>
              <p>{t('security.step1')}</p>
              <img
                className="qr"
                src={svgDataUrl(enrolment.qrSvg)}
                alt={t('security.qrAlt')}
                width={200}
                height={200}
              />
            </li>
            <li>
              <p>{t('security.step2')}</p>
              <p>
                <code className="secret">{grouped(enrolment.secret)}</code>
              </p>
            </li>
            <li>
              <form className="form" noValidate onSubmit={(e) => void confirm(e)}>
                <FormErrors count={codeError ? 1 : 0} />
                <TextField
                  label={t('security.code')}
                  hint={t('login.codeHint')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  className="field--short"
                  value={code}
                  onChange={(v) => setCode(v.replace(/\s/g, ''))}
                  error={codeError}
                />
                <div className="form__actions">
                  <SubmitButton busy={busy}>{t('security.confirm')}</SubmitButton>
                  <button type="button" className="button button--secondary" onClick={() => setEnrolment(null)}>
                    {t('common.cancel')}
                  </button>
                </div>
              </form>
            </li>
          </ol>
        </section>
      ) : null}
    </>
  );
}
