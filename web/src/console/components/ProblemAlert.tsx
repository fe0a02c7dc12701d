import { useT } from '../../i18n/index.tsx';
import type { ApiError } from '../api.ts';
import { fieldMessage, problemHeadline } from '../problems.ts';

interface ProblemAlertProps {
  error: ApiError | null;
  /** Fields whose problems are shown next to the fields themselves; the rest are listed here. */
  shownFields?: readonly string[];
  /** Instead of the headline for the status; the server's own detail is then left out. */
  headline?: string | undefined;
}

/** A failed request, announced at once (role=alert): what went wrong, and the server's details. */
export function ProblemAlert({ error, shownFields = [], headline }: ProblemAlertProps) {
  const t = useT();
  if (!error) return null;
  const others = error.errors.filter((p) => !shownFields.includes(p.field));
  const showDetail = !headline && error.detail && error.status !== 0 && error.errors.length === 0;
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">{headline ?? problemHeadline(t, error)}</p>
      {others.length > 0 ? (
        <ul className="alert__list">
          {others.map((p, i) => (
            <li key={`${p.field}-${i}`}>
              <code>{p.field}</code>: {fieldMessage(t, p)}
            </li>
          ))}
        </ul>
      ) : null}
      {error.errors.length > others.length ? <p>{t('problem.seeFields')}</p> : null}
      {showDetail ? (
        <p className="alert__detail">
          {t('problem.detail')} <span lang="en">{error.detail}</span>
        </p>
      ) : null}
    </div>
  );
}
