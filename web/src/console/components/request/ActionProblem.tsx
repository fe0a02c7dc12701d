import { useT, type MessageKey } from '../../../i18n/index.tsx';
import type { ApiError } from '../../api.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';

/** Refusals of the desk's state machine (docs/errors.md, request_state), said in the reader's language. */
const STATE_CODES: Record<string, MessageKey> = {
  identity_unverified: 'request.problem.identity_unverified',
  extension_too_late: 'request.problem.extension_too_late',
  part_closed: 'request.problem.part_closed',
  already_extended: 'request.problem.already_extended',
  request_closed: 'request.problem.request_closed',
  transition_not_allowed: 'request.problem.transition_not_allowed',
  already_verified: 'request.problem.already_verified',
  no_customer: 'request.problem.no_customer',
};

/**
 * A failed action on a request: a state the workflow does not allow is told in words of our own;
 * anything else (bad fields, a lost session) as the console tells every problem.
 */
export function ActionProblem({ error, shownFields }: { error: ApiError | null; shownFields?: readonly string[] }) {
  const t = useT();
  if (!error) return null;
  const known = error.errors.map((p) => STATE_CODES[p.code]).filter((k): k is MessageKey => k !== undefined);
  if (known.length > 0 && known.length === error.errors.length) {
    return (
      <div role="alert" className="alert alert--error">
        <p className="alert__title">{t('problem.conflict')}</p>
        {[...new Set(known)].map((key) => (
          <p key={key}>{t(key)}</p>
        ))}
      </div>
    );
  }
  return <ProblemAlert error={error} shownFields={shownFields} />;
}
