import { useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../../i18n/index.tsx';
import { useFormat } from '../../format.ts';
import { SelectField, SubmitButton, TextField } from '../fields.tsx';
import { ActionProblem } from './ActionProblem.tsx';
import { useRequestLabels } from './labels.ts';
import { VERIFICATION_METHODS, type RequestDetail } from './types.ts';
import { useAction, useFocusInvalid } from './useAction.ts';

const VERIFY_FIELDS = ['method', 'note', 'subjectId'] as const;
const NO_FIELDS = [] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface IdentityPanelProps {
  request: RequestDetail;
  /** …/requests/{id} in the API */
  path: string;
  canHandle: boolean;
  onDone: (message: string) => void;
}

/**
 * Whether and how the person's identity was verified; staff ask for proof (the request moves to
 * verifying) and record the method, linking the request to the customer it is about.
 */
export function IdentityPanel({ request, path, canHandle, onDone }: IdentityPanelProps) {
  const t = useT();
  const f = useFormat();
  const labels = useRequestLabels();
  const id = useId();
  const { identity, allowed } = request;
  const verified = identity.status === 'verified';

  return (
    <section aria-labelledby={`${id}-heading`} className="section">
      <h2 id={`${id}-heading`}>{t('request.identity.heading')}</h2>
      <div className="table-wrap">
        <table className="key-value">
          <caption className="visually-hidden">{t('request.identity.heading')}</caption>
          <tbody>
            <tr>
              <th scope="row">{t('request.identity.status')}</th>
              <td>
                <span className={`request-state request-state--${verified ? 'ok' : 'pending'}`}>
                  {labels.identity(identity.status)}
                </span>
              </td>
            </tr>
            {verified ? (
              <>
                <tr>
                  <th scope="row">{t('request.identity.method')}</th>
                  <td>{labels.method(identity.method)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('request.identity.verifiedAt')}</th>
                  <td>{f.dateTime(identity.verifiedAt)}</td>
                </tr>
                {identity.note ? (
                  <tr>
                    <th scope="row">{t('request.identity.note')}</th>
                    <td>{identity.note}</td>
                  </tr>
                ) : null}
              </>
            ) : null}
          </tbody>
        </table>
      </div>
      {!verified ? <p>{t('request.identity.unverifiedNote')}</p> : null}
      {canHandle && allowed.startVerification ? (
        <AskForProof path={path} onDone={() => onDone(t('request.identity.asked'))} />
      ) : null}
      {canHandle && allowed.verify ? (
        <VerifyForm path={path} subjectId={request.subjectId} onDone={() => onDone(t('request.identity.verified'))} />
      ) : null}
    </section>
  );
}

function AskForProof({ path, onDone }: { path: string; onDone: () => void }) {
  const t = useT();
  const id = useId();
  const action = useAction(NO_FIELDS);
  const ask = async () => {
    if (await action.run(`${path}/verification-start`, {})) onDone();
  };
  return (
    <div className="subsection">
      <ActionProblem error={action.error} />
      <p id={`${id}-hint`} className="field__hint">
        {t('request.identity.askProofHint')}
      </p>
      <button
        type="button"
        className="button button--secondary"
        aria-describedby={`${id}-hint`}
        aria-disabled={action.busy || undefined}
        onClick={() => void ask()}
      >
        {action.busy ? t('form.working') : t('request.identity.askProof')}
      </button>
    </div>
  );
}

function VerifyForm({ path, subjectId, onDone }: { path: string; subjectId: string | null; onDone: () => void }) {
  const t = useT();
  const labels = useRequestLabels();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [method, setMethod] = useState<string>('document');
  const [note, setNote] = useState('');
  const [subject, setSubject] = useState(subjectId ?? '');
  const action = useAction(VERIFY_FIELDS);
  useFocusInvalid(form, action.problems);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const customer = subject.trim();
    if (customer && !UUID.test(customer)) {
      action.refuse({ subjectId: t('problem.field.notFound') });
      return;
    }
    const body = {
      method,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(customer ? { subjectId: customer } : {}),
    };
    if (await action.run(`${path}/verification`, body)) onDone();
  };

  return (
    <form
      ref={form}
      className="form panel subsection"
      noValidate
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => void submit(e)}
    >
      <h3 id={`${id}-heading`}>{t('request.identity.verifyHeading')}</h3>
      <ActionProblem error={action.error} shownFields={action.shownFields} />
      <SelectField
        label={t('request.identity.methodLabel')}
        value={method}
        onChange={setMethod}
        error={action.problems.method}
        options={VERIFICATION_METHODS.map((m) => ({ value: m, label: labels.method(m) }))}
      />
      <TextField
        label={t('request.identity.noteLabel')}
        hint={t('request.identity.noteHint')}
        optional
        value={note}
        onChange={setNote}
        error={action.problems.note}
        maxLength={500}
        autoComplete="off"
      />
      <TextField
        label={t('request.identity.subjectLabel')}
        hint={t('request.identity.subjectHint')}
        optional
        value={subject}
        onChange={setSubject}
        error={action.problems.subjectId}
        autoComplete="off"
        spellCheck={false}
      />
      <div className="form__actions">
        <SubmitButton busy={action.busy}>{t('request.identity.verify')}</SubmitButton>
      </div>
    </form>
  );
}
