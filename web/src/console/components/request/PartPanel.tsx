import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../../i18n/index.tsx';
import { useFormat } from '../../format.ts';
import { fieldErrors } from '../../problems.ts';
import { useRetentionLabels } from '../../retention.ts';
import { SelectField, SubmitButton, TextAreaField } from '../fields.tsx';
import { ActionProblem } from './ActionProblem.tsx';
import { ChangesEditor, changesOf, duplicateRows, type ChangeRow } from './ChangesEditor.tsx';
import { useRequestLabels } from './labels.ts';
import { CLOSED_PART_STATUSES, type RequestDetail, type RequestPart } from './types.ts';
import { useAction, useFocusInvalid } from './useAction.ts';

interface PartPanelProps {
  request: RequestDetail;
  part: RequestPart;
  /** …/requests/{id} in the API */
  path: string;
  canHandle: boolean;
  onDone: (message: string) => void;
}

/** One right the request asks for: its state and answer, and what may be done with it now. */
export function PartPanel({ request, part, path, canHandle, onDone }: PartPanelProps) {
  const t = useT();
  const f = useFormat();
  const labels = useRequestLabels();
  const retention = useRetentionLabels();
  const id = useId();
  const closed = CLOSED_PART_STATUSES.includes(part.status);
  const partPath = `${path}/parts/${encodeURIComponent(part.type)}`;
  const { allowed } = request;
  const requestOpen = !CLOSED_PART_STATUSES.includes(request.status);

  return (
    <section aria-labelledby={`${id}-heading`} className="subsection request-part">
      <h3 id={`${id}-heading`}>{labels.type(part.type)}</h3>
      <p>
        {t('request.status')}:{' '}
        <strong className={`request-state request-state--${closed ? 'ok' : 'pending'}`}>
          {labels.partStatus(part.status)}
        </strong>
      </p>
      <dl className="request-facts">
        {part.extendedDueDate ? (
          <div>
            <dt>{t('request.part.extendedTo', { date: f.day(part.extendedDueDate) })}</dt>
            <dd>
              {t('request.part.extensionReason')}: {part.extensionReason}
            </dd>
          </div>
        ) : null}
        {part.outcome ? (
          <div>
            <dt>{t('request.part.outcome')}</dt>
            <dd>{part.outcome}</dd>
          </div>
        ) : null}
        {part.refusalReasons ? (
          <div>
            <dt>{t('request.part.refusalReasons')}</dt>
            <dd>
              {part.status === 'partly_done' ? (
                <ul className="plain-list">
                  {part.refusalReasons.split('; ').map((reason) => (
                    <li key={reason}>{retention.reason(reason)}</li>
                  ))}
                </ul>
              ) : (
                part.refusalReasons
              )}
            </dd>
          </div>
        ) : null}
        {part.closedAt ? (
          <div>
            <dt>{t('request.part.closedAt')}</dt>
            <dd>{f.dateTime(part.closedAt)}</dd>
          </div>
        ) : null}
      </dl>
      {canHandle && !closed && requestOpen ? (
        <>
          {!allowed.answer ? <p>{t('request.part.needsVerification')}</p> : null}
          {part.status === 'open' && !allowed.extend ? <p>{t('request.part.extensionClosed')}</p> : null}
          {part.status === 'open' && allowed.extend ? (
            <details className="request-action">
              <summary>{t('request.extend.open')}</summary>
              <ExtendForm path={partPath} onDone={() => onDone(t('request.extend.done'))} />
            </details>
          ) : null}
          {allowed.answer ? (
            <details className="request-action">
              <summary>{t('request.answer.open')}</summary>
              <AnswerForm part={part} path={partPath} onDone={() => onDone(t('request.answer.done'))} />
            </details>
          ) : null}
          <details className="request-action">
            <summary>{t('request.refuse.open')}</summary>
            <RefuseForm path={partPath} onDone={() => onDone(t('request.refuse.done'))} />
          </details>
        </>
      ) : null}
    </section>
  );
}

const EXTEND_FIELDS = ['months', 'reason'] as const;

function ExtendForm({ path, onDone }: { path: string; onDone: () => void }) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const [months, setMonths] = useState('2');
  const [reason, setReason] = useState('');
  const action = useAction(EXTEND_FIELDS);
  useFocusInvalid(form, action.problems);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      action.refuse({ reason: t('problem.field.required') });
      return;
    }
    if (await action.run(`${path}/extension`, { months: Number(months), reason: reason.trim() })) onDone();
  };

  return (
    <form ref={form} className="form" noValidate onSubmit={(e) => void submit(e)}>
      <ActionProblem error={action.error} shownFields={action.shownFields} />
      <SelectField
        label={t('request.extend.months')}
        value={months}
        onChange={setMonths}
        error={action.problems.months}
        options={[
          { value: '1', label: t('request.extend.oneMonth') },
          { value: '2', label: t('request.extend.twoMonths') },
        ]}
      />
      <TextAreaField
        label={t('request.extend.reason')}
        hint={t('request.extend.reasonHint')}
        value={reason}
        onChange={setReason}
        error={action.problems.reason}
        rows={3}
        maxLength={2000}
      />
      <div className="form__actions">
        <SubmitButton busy={action.busy}>{t('request.extend.submit')}</SubmitButton>
      </div>
    </form>
  );
}

const ANSWER_FIELDS = ['outcome', 'changes'] as const;

function AnswerForm({ part, path, onDone }: { part: RequestPart; path: string; onDone: () => void }) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const answerButton = useRef<HTMLDivElement>(null);
  const [outcome, setOutcome] = useState('');
  const [rows, setRows] = useState<ChangeRow[]>([{ field: '', value: '' }]);
  const [rowProblems, setRowProblems] = useState<Record<number, string>>({});
  const [confirming, setConfirming] = useState(false);
  const action = useAction(ANSWER_FIELDS);
  const rectification = part.type === 'rectification';
  const erasure = part.type === 'erasure';
  useFocusInvalid(form, action.problems);
  useFocusInvalid(form, rowProblems);
  useFocusInvalid(form, action.error);

  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  // Problems of the correction come back per field key, as `fields.{key}`.
  const fromServer: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors(t, action.error))) {
    const key = /^fields\.(.+?)(\.\d+)?$/.exec(field)?.[1];
    if (key) fromServer[key] ??= message;
  }
  const shownFields = [
    ...action.shownFields,
    ...(action.error?.errors ?? []).map((p) => p.field).filter((f) => f.startsWith('fields.')),
  ];

  const send = async () => {
    const body = {
      ...(outcome.trim() ? { outcome: outcome.trim() } : {}),
      ...(rectification ? { changes: changesOf(rows) } : {}),
    };
    const ok = await action.run(`${path}/completion`, body);
    setConfirming(false);
    if (ok) onDone();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rectification) {
      const found = duplicateRows(rows, t('request.changes.duplicate'));
      setRowProblems(found);
      if (Object.keys(found).length > 0) return;
    }
    if (erasure) setConfirming(true);
    else void send();
  };

  return (
    <form ref={form} className="form" noValidate onSubmit={submit}>
      <p>{t(`request.answer.intro.${part.type}`)}</p>
      <ActionProblem error={action.error} shownFields={shownFields} />
      {rectification ? (
        <ChangesEditor rows={rows} onChange={setRows} fieldProblems={fromServer} rowProblems={rowProblems} />
      ) : null}
      <TextAreaField
        label={t('request.answer.outcome')}
        hint={t('request.answer.outcomeHint')}
        optional
        value={outcome}
        onChange={setOutcome}
        error={action.problems.outcome ?? action.problems.changes}
        rows={3}
        maxLength={2000}
      />
      {confirming ? (
        <div className="confirm panel panel--important" role="group" aria-label={t('request.answer.confirmLabel')}>
          <p ref={question} tabIndex={-1}>
            {t('request.answer.confirmErasure')}
          </p>
          <button
            type="button"
            className="button button--danger"
            aria-disabled={action.busy || undefined}
            onClick={() => void send()}
          >
            {action.busy ? t('form.working') : t('request.answer.confirmYes')}
          </button>{' '}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setConfirming(false);
              setTimeout(() => answerButton.current?.querySelector('button')?.focus());
            }}
          >
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <div className="form__actions" ref={answerButton}>
          <SubmitButton busy={action.busy} className={erasure ? 'button button--danger' : 'button'}>
            {t('request.answer.submit')}
          </SubmitButton>
        </div>
      )}
    </form>
  );
}

const REFUSE_FIELDS = ['reasons'] as const;

function RefuseForm({ path, onDone }: { path: string; onDone: () => void }) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const [reasons, setReasons] = useState('');
  const action = useAction(REFUSE_FIELDS);
  useFocusInvalid(form, action.problems);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reasons.trim()) {
      action.refuse({ reasons: t('problem.field.required') });
      return;
    }
    if (await action.run(`${path}/refusal`, { reasons: reasons.trim() })) onDone();
  };

  return (
    <form ref={form} className="form" noValidate onSubmit={(e) => void submit(e)}>
      <ActionProblem error={action.error} shownFields={action.shownFields} />
      <TextAreaField
        label={t('request.refuse.reasons')}
        hint={t('request.refuse.reasonsHint')}
        value={reasons}
        onChange={setReasons}
        error={action.problems.reasons}
        rows={4}
        maxLength={5000}
      />
      <div className="form__actions">
        <SubmitButton busy={action.busy}>{t('request.refuse.submit')}</SubmitButton>
      </div>
    </form>
  );
}
