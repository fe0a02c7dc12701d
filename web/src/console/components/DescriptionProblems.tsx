import { useT } from '../../i18n/index.tsx';
import { useFormat } from '../format.ts';
import type { Validation } from '../useDescriptionValidation.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

/**
 * The state of the description being edited. Only the one-line summary is a live region (a
 * screen reader hears "3 problems", not the list on every keystroke); the list has the paths.
 * Fields describe themselves with `${id}-summary`.
 */
export function DescriptionProblems({ id, validation }: { id: string; validation: Validation }) {
  const t = useT();
  const f = useFormat();
  let summary: string;
  switch (validation.state) {
    case 'syntax': {
      const { line, column, notObject } = validation.parsed;
      summary = notObject
        ? t('description.notObject')
        : line !== null
          ? t('description.syntaxAt', { line: String(line), column: String(column ?? 1) })
          : t('description.syntax');
      break;
    }
    case 'checking':
      summary = t('description.checking');
      break;
    case 'valid':
      summary = t('description.valid');
      break;
    case 'invalid':
      summary =
        validation.errors.length === 1
          ? t('description.oneProblem')
          : t('description.problems', { count: f.number(validation.errors.length) });
      break;
    case 'failed':
      summary = t('description.checkFailed');
      break;
  }
  const bad = validation.state === 'syntax' || validation.state === 'invalid';
  return (
    <div id={id} className={`validation validation--${validation.state}`}>
      <p role="status" id={`${id}-summary`} className="validation__summary">
        <span className="validation__badge" aria-hidden="true">
          {bad ? '✗' : validation.state === 'valid' ? '✓' : '…'}
        </span>{' '}
        {summary}
      </p>
      {validation.state === 'invalid' ? (
        <ul className="validation__list">
          {validation.errors.map((p, i) => (
            <li key={`${p.field}-${i}`}>
              <code>{p.field}</code>: <span lang="en">{p.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {validation.state === 'failed' ? <ProblemAlert error={validation.error} /> : null}
    </div>
  );
}
