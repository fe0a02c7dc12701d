import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { LANGUAGES, LANGUAGE_NAMES, useLang, useT, type Lang } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { ProblemAlert } from '../../console/components/ProblemAlert.tsx';
import { SelectField, SubmitButton, TextField } from '../../console/components/fields.tsx';
import { fieldErrors } from '../../console/problems.ts';
import { ApiError, portalApi } from '../api.ts';
import { OidcLoginError, OidcSignIn } from '../components/OidcSignIn.tsx';

interface LoginPageProps {
  loggedOut?: boolean;
  /** Shown above the form, e.g. that a sign-in link was used already. */
  notice?: string | undefined;
}

/**
 * The sign-in form: an email address and the language of the mail. The answer is the same whether
 * or not the address is known, so the page never tells anyone who is a customer where.
 */
export function LoginPage({ loggedOut = false, notice }: LoginPageProps) {
  const t = useT();
  const { lang } = useLang();
  const [email, setEmail] = useState('');
  const [mailLang, setMailLang] = useState<Lang | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const sentHeading = useRef<HTMLHeadingElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const headingId = useId();

  // Focus moves to the confirmation once it is on the page.
  useEffect(() => {
    if (sentTo) sentHeading.current?.focus();
  }, [sentTo]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const address = email.trim();
    if (!address) {
      setMissing(true);
      emailInput.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      await portalApi.requestLink(address, mailLang ?? lang);
      setSentTo(address);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const rateLimitMinutes = (e: ApiError) => {
    const seconds = typeof e.body.retryAfterSeconds === 'number' ? e.body.retryAfterSeconds : (e.retryAfter ?? 60);
    return String(Math.max(1, Math.ceil(seconds / 60)));
  };
  const emailError = missing ? t('oma.login.emailMissing') : fieldErrors(t, error).email;

  return (
    <>
      <h1>{t('portal.title')}</h1>
      {loggedOut ? (
        <p role="status" className="alert alert--ok">
          {t('oma.loggedOut')}
        </p>
      ) : null}
      {notice ? (
        <div role="alert" className="alert alert--error">
          <p>{notice}</p>
        </div>
      ) : null}
      <OidcLoginError />
      {sentTo ? (
        <section aria-labelledby={headingId} className="panel">
          <h2 id={headingId} ref={sentHeading} tabIndex={-1}>
            {t('oma.login.sentHeading')}
          </h2>
          <p>{t('oma.login.sentBody', { email: sentTo })}</p>
          <p>
            <button type="button" className="button button--secondary" onClick={() => setSentTo(null)}>
              {t('oma.login.again')}
            </button>
          </p>
        </section>
      ) : (
        <section aria-labelledby={headingId} className="panel">
          <h2 id={headingId}>{t('oma.login.heading')}</h2>
          <p>{t('oma.login.intro')}</p>
          {error?.status === 429 ? (
            <div role="alert" className="alert alert--error">
              <p>{t('oma.login.rateLimited', { minutes: rateLimitMinutes(error) })}</p>
            </div>
          ) : (
            <ProblemAlert error={error} shownFields={['email']} />
          )}
          <form className="form" noValidate onSubmit={(e) => void submit(e)}>
            <TextField
              label={t('oma.login.email')}
              type="email"
              autoComplete="email"
              inputMode="email"
              value={email}
              onChange={setEmail}
              error={emailError}
              inputRef={emailInput}
            />
            <SelectField
              label={t('oma.login.language')}
              value={mailLang ?? lang}
              onChange={(value) => setMailLang(LANGUAGES.find((l) => l === value) ?? null)}
              options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            />
            <div className="form__actions">
              <SubmitButton busy={busy}>{t('oma.login.submit')}</SubmitButton>
            </div>
          </form>
        </section>
      )}
      <OidcSignIn />
      <p>
        <Link to="/">{t('common.toFrontPage')}</Link>
      </p>
    </>
  );
}
