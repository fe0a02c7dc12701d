import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useT, type Translate } from '../../i18n/index.tsx';
import { api, ApiError, setCsrfToken } from '../api.ts';
import { SubmitButton, TextField } from '../components/fields.tsx';
import { LiveStatus } from '../components/LiveStatus.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { FormErrors } from '../components/FormErrors.tsx';
import { useSessionContext } from '../session.tsx';

type LoginAnswer = { totpRequired: true } | { totpRequired?: false; csrfToken?: string };

/** Minutes until a locked login opens again, from the problem or its Retry-After header. */
function lockedMinutes(error: ApiError): number | null {
  const seconds = typeof error.body.retryAfterSeconds === 'number' ? error.body.retryAfterSeconds : error.retryAfter;
  if (seconds) return Math.max(1, Math.ceil(seconds / 60));
  const fromDetail = /(\d+)\s*minute/.exec(error.detail);
  return fromDetail ? Number(fromDetail[1]) : null;
}

function loginHeadline(t: Translate, error: ApiError): string | undefined {
  if (error.status === 401) return t('login.invalid');
  if (error.status === 429) {
    const minutes = lockedMinutes(error);
    return minutes ? t('login.locked', { minutes: String(minutes) }) : t('login.lockedNoTime');
  }
  return undefined;
}

/** Email and password, then the authenticator code if the account has one. */
export function LoginForm({ onLoggedIn }: { onLoggedIn?: () => void }) {
  const t = useT();
  const { refresh } = useSessionContext();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const codeRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === 'totp') codeRef.current?.focus();
  }, [step]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems: Record<string, string> = {};
    if (step === 'password') {
      if (!email.trim()) problems.email = t('login.emailMissing');
      if (!password) problems.password = t('login.passwordMissing');
    } else if (!/^\d{6}$/.test(code.trim())) {
      problems.totpCode = t('login.codeFormat');
    }
    setMissing(problems);
    if (Object.keys(problems).length) {
      setError(null);
      if (problems.email) emailRef.current?.focus();
      else if (problems.password) passwordRef.current?.focus();
      else codeRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<LoginAnswer>('/api/v1/session', {
        email: email.trim(),
        password,
        ...(step === 'totp' ? { totpCode: code.trim() } : {}),
      });
      if (answer?.totpRequired) {
        setStep('totp');
        return;
      }
      if (answer && 'csrfToken' in answer && answer.csrfToken) setCsrfToken(answer.csrfToken);
      const next = await refresh();
      if (next.status === 'ready') onLoggedIn?.();
      else if (next.status === 'error') setError(next.error);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
      if (step === 'totp') setCode('');
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setStep('password');
    setCode('');
    setPassword('');
    setError(null);
    setTimeout(() => passwordRef.current?.focus());
  };

  return (
    <form className="form panel" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="login-heading">
      <h2 id="login-heading">{step === 'password' ? t('login.heading') : t('login.totpHeading')}</h2>
      {error ? (
        <ProblemAlert error={error} headline={loginHeadline(t, error)} />
      ) : (
        <FormErrors count={Object.keys(missing).length} />
      )}
      <LiveStatus message={step === 'totp' ? t('login.totpNeeded') : null} className="field__hint" />
      {step === 'password' ? (
        <>
          <TextField
            label={t('login.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
            error={missing.email}
            inputRef={emailRef}
          />
          <TextField
            label={t('login.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={missing.password}
            inputRef={passwordRef}
          />
        </>
      ) : (
        <TextField
          label={t('login.code')}
          hint={t('login.codeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          className="field--short"
          value={code}
          onChange={(v) => setCode(v.replace(/\s/g, ''))}
          error={missing.totpCode}
          inputRef={codeRef}
        />
      )}
      <div className="form__actions">
        <SubmitButton busy={busy}>{t('login.submit')}</SubmitButton>
        {step === 'totp' ? (
          <button type="button" className="button button--secondary" onClick={restart}>
            {t('login.startOver')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
