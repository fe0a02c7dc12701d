import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/index.tsx';
import { api, ApiError, controllerPath } from '../api.ts';
import { stringify, type Doc } from '../description.ts';
import { useDescriptionValidation } from '../useDescriptionValidation.ts';
import { useFieldCatalogue } from '../useLabels.ts';
import { DescriptionForm } from './DescriptionForm.tsx';
import { DescriptionProblems } from './DescriptionProblems.tsx';
import { SubmitButton, TextAreaField } from './fields.tsx';
import { LiveStatus } from './LiveStatus.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

interface DescriptionEditorProps {
  controllerId: string;
  registerId: string;
  initial: unknown;
  canWrite: boolean;
  onSaved: () => void;
}

/**
 * The form and the JSON behind it, both editing one text: the form writes the JSON, and reads it
 * back whenever it parses. Checked as you type; saved as a new version.
 */
export function DescriptionEditor({ controllerId, registerId, initial, canWrite, onSaved }: DescriptionEditorProps) {
  const t = useT();
  const problemsId = useId();
  const [text, setText] = useState(() => stringify(initial));
  const [lastGood, setLastGood] = useState<Doc>(() =>
    typeof initial === 'object' && initial !== null ? (initial as Doc) : {},
  );
  const { parsed, validation } = useDescriptionValidation(text);
  const { items: catalogue } = useFieldCatalogue();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  if (parsed.ok && parsed.doc !== lastGood) setLastGood(parsed.doc);

  const editText = (next: string) => {
    setText(next);
    setSaved(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    if (!parsed.ok) {
      setError(new ApiError(422, { detail: t('description.fixSyntax') }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<{ version?: number }>(
        controllerPath(controllerId, `/registers/${encodeURIComponent(registerId)}/descriptions`),
        { description: parsed.doc },
      );
      setSaved(answer?.version ? t('register.savedVersion', { version: String(answer.version) }) : t('register.saved'));
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form editor" noValidate onSubmit={(e) => void save(e)} aria-labelledby="editor-heading">
      <h2 id="editor-heading">{t('register.editorHeading')}</h2>
      <p>{t('register.editorIntro')}</p>
      {!parsed.ok ? <p className="alert alert--info">{t('description.formPaused')}</p> : null}
      <DescriptionForm
        doc={lastGood}
        editable={parsed.ok}
        catalogue={catalogue}
        onChange={(doc) => editText(stringify(doc))}
      />
      <TextAreaField
        label={t('description.json')}
        className="field--code"
        rows={28}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        value={text}
        onChange={editText}
        describedBy={`${problemsId}-summary`}
        error={validation.state === 'syntax' ? t('description.fixSyntax') : undefined}
      />
      <DescriptionProblems id={problemsId} validation={validation} />
      <ProblemAlert error={error} />
      <LiveStatus message={saved} />
      {canWrite ? (
        <div className="form__actions">
          <SubmitButton busy={busy}>{t('register.saveVersion')}</SubmitButton>
        </div>
      ) : (
        <p className="muted">{t('register.readOnly')}</p>
      )}
    </form>
  );
}
