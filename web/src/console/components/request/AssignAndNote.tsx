import { useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../../i18n/index.tsx';
import { controllerPath } from '../../api.ts';
import type { StaffMember } from '../../types.ts';
import { useResource } from '../../useResource.ts';
import { SelectField, SubmitButton, TextAreaField } from '../fields.tsx';
import { ActionProblem } from './ActionProblem.tsx';
import type { RequestDetail } from './types.ts';
import { useAction, useFocusInvalid } from './useAction.ts';

const ASSIGN_FIELDS = ['staffId'] as const;

interface AssignFormProps {
  controllerId: string;
  request: RequestDetail;
  path: string;
  me: { id: string; email: string };
  /** May list the controller's staff (owners and admins); others can take the request themselves. */
  canListStaff: boolean;
  onDone: (message: string) => void;
}

/** Who handles the request: any member of the controller's staff, or nobody. */
export function AssignForm({ controllerId, request, path, me, canListStaff, onDone }: AssignFormProps) {
  const t = useT();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const staff = useResource<{ items: StaffMember[] }>(canListStaff ? controllerPath(controllerId, '/staff') : null);
  const [chosen, setChosen] = useState(request.assignedTo?.id ?? '');
  const action = useAction(ASSIGN_FIELDS);
  useFocusInvalid(form, action.problems);

  const people = new Map<string, string>();
  people.set(me.id, t('request.assign.me', { email: me.email }));
  for (const member of staff.data?.items ?? [])
    if (member.staffId !== me.id)
      people.set(member.staffId, member.name ? `${member.name} (${member.email})` : member.email);
  if (request.assignedTo && !people.has(request.assignedTo.id))
    people.set(request.assignedTo.id, request.assignedTo.email);
  const options = [
    { value: '', label: t('request.assign.nobody') },
    ...[...people].map(([value, label]) => ({ value, label })),
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(`${path}/assignment`, { staffId: chosen || null })) onDone(t('request.assign.done'));
  };

  return (
    <form
      ref={form}
      className="form form--inline"
      noValidate
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => void submit(e)}
    >
      <h2 id={`${id}-heading`}>{t('request.assign.heading')}</h2>
      <ActionProblem error={action.error ?? (staff.status === 'error' ? staff.error : null)} />
      <SelectField
        className="field--wide"
        label={t('request.assign.label')}
        value={chosen}
        onChange={setChosen}
        error={action.problems.staffId}
        options={options}
      />
      <div className="form__actions">
        <SubmitButton busy={action.busy}>{t('request.assign.submit')}</SubmitButton>
      </div>
    </form>
  );
}

const NOTE_FIELDS = ['note'] as const;

/** A note to the request's history. */
export function NoteForm({ path, onDone }: { path: string; onDone: (message: string) => void }) {
  const t = useT();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [note, setNote] = useState('');
  const action = useAction(NOTE_FIELDS);
  useFocusInvalid(form, action.problems);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) {
      action.refuse({ note: t('problem.field.required') });
      return;
    }
    if (await action.run(`${path}/notes`, { note: note.trim() })) {
      setNote('');
      onDone(t('request.note.done'));
    }
  };

  return (
    <form ref={form} className="form" noValidate aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-heading`}>{t('request.note.heading')}</h2>
      <ActionProblem error={action.error} shownFields={action.shownFields} />
      <TextAreaField
        label={t('request.note.label')}
        hint={t('request.note.hint')}
        value={note}
        onChange={setNote}
        error={action.problems.note}
        rows={3}
        maxLength={2000}
      />
      <div className="form__actions">
        <SubmitButton busy={action.busy}>{t('request.note.submit')}</SubmitButton>
      </div>
    </form>
  );
}
