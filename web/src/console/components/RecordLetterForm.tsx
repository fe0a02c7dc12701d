import { useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { api, ApiError } from '../api.ts';
import {
  CHANNELS,
  CONSENT_KINDS,
  NOTE_MAX,
  todayInFinland,
  useConsentLabels,
  type PermissionPurpose,
} from '../consents.ts';
import { fieldErrors } from '../problems.ts';
import { SelectField, SubmitButton, TextAreaField, TextField } from './fields.tsx';
import { FormErrors } from './FormErrors.tsx';
import { LiveStatus } from './LiveStatus.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

interface RecordLetterFormProps {
  /** POST …/customers/{subjectId}/consents */
  path: string;
  purposes: PermissionPurpose[];
  onRecorded: () => void;
}

type Problems = Partial<Record<'purposes' | 'letterDate' | 'note' | 'kind' | 'channel', string>>;

/** The form's own fields; a server problem on any other field is listed in the alert. */
const FORM_FIELDS = ['kind', 'channel', 'purposes', 'letterDate', 'note'] as const;
const formField = (field: string) => (/^purposes\.\d+$/.test(field) ? 'purposes' : field);

/**
 * A consent, withdrawal, prohibition or objection the customer sent by letter. Nothing recorded
 * can be undone here, by design: the form says that a mistake is corrected by the opposite event.
 */
export function RecordLetterForm({ path, purposes, onRecorded }: RecordLetterFormProps) {
  const t = useT();
  const labels = useConsentLabels();
  const id = useId();
  const [kind, setKind] = useState<string>('consent_given');
  const [channel, setChannel] = useState<string>('all');
  const [chosen, setChosen] = useState<string[]>([]);
  const [letterDate, setLetterDate] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const firstPurpose = useRef<HTMLInputElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const today = todayInFinland();

  const toggle = (key: string, on: boolean) =>
    setChosen((current) => (on ? [...current.filter((k) => k !== key), key] : current.filter((k) => k !== key)));

  const focusFirst = (found: Problems) => {
    if (found.purposes) firstPurpose.current?.focus();
    else if (found.letterDate) dateRef.current?.focus();
    else if (found.note) noteRef.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    const found: Problems = {};
    if (chosen.length === 0) found.purposes = t('consents.recordPurposesMissing');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(letterDate)) found.letterDate = t('consents.letterDateMissing');
    else if (letterDate > today) found.letterDate = t('problem.field.inTheFuture');
    if (note.trim().length > NOTE_MAX) found.note = t('consents.noteTooLong', { max: String(NOTE_MAX) });
    setProblems(found);
    setError(null);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      // In the order the purposes are listed, whatever order they were ticked in.
      const ordered = purposes.map((p) => p.key).filter((k) => chosen.includes(k));
      const answer = await api.post<{ ids: string[] }>(path, {
        kind,
        channel,
        purposes: ordered,
        letterDate,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      const count = answer?.ids?.length ?? ordered.length;
      setKind('consent_given');
      setChannel('all');
      setChosen([]);
      setLetterDate('');
      setNote('');
      setDone(count === 1 ? t('consents.recordedOne') : t('consents.recordedMany', { count: String(count) }));
      onRecorded();
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
      const byField: Problems = {};
      for (const [field, message] of Object.entries(fieldErrors(t, apiError))) {
        const own = formField(field) as keyof Problems;
        if ((FORM_FIELDS as readonly string[]).includes(own)) byField[own] ??= message;
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
    .filter((f) => (FORM_FIELDS as readonly string[]).includes(formField(f)));
  const purposesErrorId = `${id}-purposes-error`;

  return (
    <form className="form panel" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('consents.recordHeading')}</h3>
      <p>{t('consents.recordIntro')}</p>
      <p className="alert alert--info">{t('consents.recordCorrection')}</p>
      <ProblemAlert error={error} shownFields={shownFields} />
      {error ? null : <FormErrors count={Object.keys(problems).length} />}
      <SelectField
        label={t('consents.recordKind')}
        value={kind}
        onChange={setKind}
        error={problems.kind}
        options={CONSENT_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
      />
      <SelectField
        label={t('consents.recordChannel')}
        value={channel}
        onChange={setChannel}
        error={problems.channel}
        options={['all', ...CHANNELS].map((c) => ({ value: c, label: labels.channel(c) }))}
      />
      <fieldset className="group consent-purposes" aria-describedby={problems.purposes ? purposesErrorId : undefined}>
        <legend>{t('consents.recordPurposes')}</legend>
        {problems.purposes ? (
          <p id={purposesErrorId} className="field__error">
            <span className="visually-hidden">{t('form.errorPrefix')} </span>
            {problems.purposes}
          </p>
        ) : null}
        {purposes.map((p, i) => (
          <div className="checkbox" key={p.key}>
            <input
              type="checkbox"
              id={`${id}-purpose-${i}`}
              ref={i === 0 ? firstPurpose : undefined}
              checked={chosen.includes(p.key)}
              aria-invalid={problems.purposes ? true : undefined}
              onChange={(e) => toggle(p.key, e.target.checked)}
            />
            <label htmlFor={`${id}-purpose-${i}`}>{labels.purpose(p.key, p.name)}</label>
          </div>
        ))}
      </fieldset>
      <TextField
        className="field--short"
        label={t('consents.letterDate')}
        hint={t('consents.letterDateHint')}
        type="date"
        max={today}
        value={letterDate}
        onChange={setLetterDate}
        error={problems.letterDate}
        inputRef={dateRef}
      />
      <TextAreaField
        label={t('consents.note')}
        hint={t('consents.noteHint', { max: String(NOTE_MAX) })}
        optional
        rows={3}
        value={note}
        onChange={setNote}
        error={problems.note}
        textareaRef={noteRef}
      />
      <div className="form__actions">
        <SubmitButton busy={busy}>{t('consents.record')}</SubmitButton>
      </div>
      <LiveStatus message={done} />
    </form>
  );
}
