import { useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { ApiError } from '../api.ts';
import { fieldErrors } from '../problems.ts';
import { SubmitButton, TextField } from './fields.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { FormErrors } from './FormErrors.tsx';

export interface AccountInput {
  email: string;
  name: string;
  password: string;
}

const MIN_PASSWORD = 12;

interface AccountFormProps {
  /** Ask for the email too (setup); an invitation already names it. */
  withEmail: boolean;
  submitLabel: string;
  passwordHint?: string;
  onSubmit: (input: AccountInput) => Promise<void>;
}

/** Name, password twice (and email): the first operator's and an invited person's account. */
export function AccountForm({ withEmail, submitLabel, passwordHint, onSubmit }: AccountFormProps) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);

  const focusFirstInvalid = () =>
    setTimeout(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Record<string, string> = {};
    if (withEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = t('account.emailInvalid');
    if (!name.trim()) found.name = t('account.nameMissing');
    if (password.length < MIN_PASSWORD) found.password = t('account.passwordShort', { min: String(MIN_PASSWORD) });
    if (again !== password) found.passwordAgain = t('account.passwordMismatch');
    setProblems(found);
    setError(null);
    if (Object.keys(found).length) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    try {
      await onSubmit({ email: email.trim(), name: name.trim(), password });
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
      setError(apiError);
      setProblems(fieldErrors(t, apiError));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  const shown = ['email', 'name', 'password'];
  return (
    <form ref={form} className="form panel" noValidate onSubmit={(e) => void submit(e)}>
      <ProblemAlert error={error} shownFields={shown} />
      {error ? null : <FormErrors count={Object.keys(problems).length} />}
      {withEmail ? (
        <TextField
          label={t('account.email')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={problems.email}
        />
      ) : null}
      <TextField label={t('account.name')} autoComplete="name" value={name} onChange={setName} error={problems.name} />
      <TextField
        label={t('account.password')}
        type="password"
        autoComplete="new-password"
        hint={passwordHint ?? t('account.passwordHint', { min: String(MIN_PASSWORD) })}
        value={password}
        onChange={setPassword}
        error={problems.password}
      />
      <TextField
        label={t('account.passwordAgain')}
        type="password"
        autoComplete="new-password"
        value={again}
        onChange={setAgain}
        error={problems.passwordAgain}
      />
      <div className="form__actions">
        <SubmitButton busy={busy}>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
