import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { Link, navigate } from '../../router.tsx';
import { api, ApiError, controllerPath } from '../api.ts';
import { SelectField, SubmitButton, TextAreaField, TextField } from '../components/fields.tsx';
import { FormErrors } from '../components/FormErrors.tsx';
import { ResourceStatus } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ActionProblem } from '../components/request/ActionProblem.tsx';
import { useRequestLabels } from '../components/request/labels.ts';
import { LANGUAGES, REQUEST_TYPES, STAFF_CHANNELS, type RequestType } from '../components/request/types.ts';
import { useFocusInvalid } from '../components/request/useAction.ts';
import '../components/request/request.css';
import { fieldErrors } from '../problems.ts';
import { todayInFinland } from '../retention.ts';
import { paths } from '../routes.ts';
import type { RegisterSummary } from '../types.ts';
import { useResource } from '../useResource.ts';

const FIELDS = [
  'registerId',
  'types',
  'channel',
  'receivedOn',
  'language',
  'name',
  'email',
  'message',
  'document',
] as const;
type Field = (typeof FIELDS)[number];
type Problems = Partial<Record<Field, string>>;

const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
/** What the server keeps as the document received, by the file's type or else its extension. */
const DOCUMENT_TYPES: Record<string, string> = {
  'application/pdf': 'application/pdf',
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'text/plain': 'text/plain',
  'message/rfc822': 'message/rfc822',
};
const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  txt: 'text/plain',
  eml: 'message/rfc822',
};

function documentType(file: File): string | null {
  return DOCUMENT_TYPES[file.type] ?? BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? null;
}

/** The file's bytes in base64, without the data: URL's prefix. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/**
 * /console/controllers/{controllerId}/requests/new: staff log a request that came by letter,
 * email or phone, with the day it arrived (the time to answer runs from it) and the document.
 */
export function NewRequestPage({ controllerId }: { controllerId: string }) {
  const t = useT();
  const labels = useRequestLabels();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const registers = useResource<{ items: RegisterSummary[] }>(controllerPath(controllerId, '/registers'));
  const items = registers.data?.items ?? [];
  const today = todayInFinland();

  const [registerId, setRegisterId] = useState('');
  const [types, setTypes] = useState<RequestType[]>([]);
  const [channel, setChannel] = useState<string>('letter');
  const [receivedOn, setReceivedOn] = useState(today);
  const [language, setLanguage] = useState<string>('fi');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusInvalid(form, problems);

  const register = registerId || items[0]?.id || '';
  const toggle = (type: RequestType, on: boolean) =>
    setTypes((now) => REQUEST_TYPES.filter((x) => (x === type ? on : now.includes(x))));

  const check = (): Problems => {
    const found: Problems = {};
    if (!register) found.registerId = t('problem.field.required');
    if (types.length === 0) found.types = t('requestNew.typesMissing');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn)) found.receivedOn = t('problem.field.invalidDate');
    else if (receivedOn > today) found.receivedOn = t('problem.field.inTheFuture');
    if (file) {
      if (!documentType(file)) found.document = t('requestNew.documentType');
      else if (file.size === 0) found.document = t('requestNew.documentEmpty');
      else if (file.size > DOCUMENT_MAX_BYTES) found.document = t('requestNew.documentTooBig');
    }
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const found = check();
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      let document: { fileName: string; contentType: string; contentBase64: string } | undefined;
      if (file) {
        try {
          document = { fileName: file.name, contentType: documentType(file)!, contentBase64: await readBase64(file) };
        } catch {
          setProblems({ document: t('requestNew.documentUnreadable') });
          return;
        }
      }
      const created = await api.post<{ id: string }>(controllerPath(controllerId, '/requests'), {
        registerId: register,
        types,
        channel,
        receivedOn,
        language,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(message.trim() ? { message: message.trim() } : {}),
        ...(document ? { document } : {}),
      });
      navigate(paths.request(controllerId, created.id));
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, { detail: String(e) });
      const byField: Problems = {};
      for (const [field, text] of Object.entries(fieldErrors(t, apiError))) {
        const own = FIELDS.find((f) => field === f || field.startsWith(`${f}.`));
        if (own) byField[own] ??= text;
      }
      setError(apiError);
      setProblems(byField);
    } finally {
      setBusy(false);
    }
  };

  const shownFields = (error?.errors ?? [])
    .map((p) => p.field)
    .filter((f) => FIELDS.some((own) => f === own || f.startsWith(`${own}.`)));

  return (
    <>
      <PageHeading title={t('requestNew.title')}>
        <p>
          <Link to={paths.requests(controllerId)}>{t('request.back')}</Link>
        </p>
      </PageHeading>
      <p className="lead">{t('requestNew.intro')}</p>
      <ResourceStatus resource={registers} />
      {registers.status === 'ready' && items.length === 0 ? <p>{t('requestNew.noRegisters')}</p> : null}
      {items.length > 0 ? (
        <form
          ref={form}
          className="form"
          noValidate
          onSubmit={(e) => void submit(e)}
          aria-label={t('requestNew.title')}
        >
          <ActionProblem error={error} shownFields={shownFields} />
          {error ? null : <FormErrors count={Object.keys(problems).length} />}
          <SelectField
            label={t('requestNew.register')}
            value={register}
            onChange={setRegisterId}
            error={problems.registerId}
            options={items.map((r) => ({ value: r.id, label: r.name }))}
          />
          <fieldset
            className="group request-types"
            aria-describedby={`${id}-types-hint${problems.types ? ` ${id}-types-error` : ''}`}
          >
            <legend>{t('requestNew.types')}</legend>
            <p id={`${id}-types-hint`} className="field__hint">
              {t('requestNew.typesHint')}
            </p>
            {problems.types ? (
              <p id={`${id}-types-error`} className="field__error">
                <span className="visually-hidden">{t('form.errorPrefix')} </span>
                {problems.types}
              </p>
            ) : null}
            {REQUEST_TYPES.map((type, i) => (
              <div className="checkbox" key={type}>
                <input
                  type="checkbox"
                  id={`${id}-type-${type}`}
                  checked={types.includes(type)}
                  aria-invalid={i === 0 && problems.types ? true : undefined}
                  onChange={(e) => toggle(type, e.target.checked)}
                />
                <label htmlFor={`${id}-type-${type}`}>{labels.type(type)}</label>
              </div>
            ))}
          </fieldset>
          <SelectField
            label={t('requestNew.channel')}
            value={channel}
            onChange={setChannel}
            error={problems.channel}
            options={STAFF_CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
          />
          <TextField
            className="field--short"
            type="date"
            label={t('requestNew.receivedOn')}
            hint={t('requestNew.receivedOnHint')}
            value={receivedOn}
            max={today}
            onChange={setReceivedOn}
            error={problems.receivedOn}
          />
          <SelectField
            label={t('requestNew.language')}
            hint={t('requestNew.languageHint')}
            value={language}
            onChange={setLanguage}
            error={problems.language}
            options={LANGUAGES.map((l) => ({ value: l, label: labels.language(l) }))}
          />
          <TextField
            label={t('requestNew.name')}
            optional
            value={name}
            onChange={setName}
            error={problems.name}
            maxLength={200}
            autoComplete="off"
          />
          <TextField
            type="email"
            label={t('requestNew.email')}
            hint={t('requestNew.emailHint')}
            optional
            value={email}
            onChange={setEmail}
            error={problems.email}
            maxLength={254}
            autoComplete="off"
          />
          <TextAreaField
            label={t('requestNew.message')}
            hint={t('requestNew.messageHint')}
            optional
            value={message}
            onChange={setMessage}
            error={problems.message}
            rows={4}
            maxLength={5000}
          />
          <FileField
            label={t('requestNew.document')}
            hint={t('requestNew.documentHint')}
            error={problems.document}
            onChange={setFile}
          />
          <div className="form__actions">
            <SubmitButton busy={busy}>{t('requestNew.submit')}</SubmitButton>
          </div>
        </form>
      ) : null}
    </>
  );
}

/** A file input labelled, described and marked invalid as the console's other fields are. */
function FileField({
  label,
  hint,
  error,
  onChange,
}: {
  label: string;
  hint: string;
  error: string | undefined;
  onChange: (file: File | null) => void;
}) {
  const t = useT();
  const id = useId();
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field request-file">
      <label htmlFor={id} className="field__label">
        {label}
        <span className="field__optional"> {t('form.optional')}</span>
      </label>
      <p id={`${id}-hint`} className="field__hint">
        {hint}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
      <input
        type="file"
        id={id}
        accept=".pdf,.jpg,.jpeg,.png,.txt,.eml,application/pdf,image/jpeg,image/png,text/plain,message/rfc822"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.files?.[0] ?? null)}
      />
    </div>
  );
}
