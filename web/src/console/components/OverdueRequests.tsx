import { useT } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { useFormat } from '../format.ts';
import { paths } from '../routes.ts';
import { useResource } from '../useResource.ts';
import '../pages/requests.css';

interface DeadlineCounts {
  controllerId: string;
  open: number;
  overdue: number;
  dueSoon: number;
}

/** The requests counts of each controller whose requests the person may read (GET /api/v1/request-deadlines). */
export function useRequestDeadlines(): Map<string, DeadlineCounts> | null {
  const counts = useResource<{ items: DeadlineCounts[] }>('/api/v1/request-deadlines');
  return counts.data ? new Map(counts.data.items.map((c) => [c.controllerId, c])) : null;
}

/** The overdue count of one controller as a link to its requests, marked when there are any. */
export function OverdueRequests({
  controllerId,
  counts,
}: {
  controllerId: string;
  counts: DeadlineCounts | undefined;
}) {
  const t = useT();
  const f = useFormat();
  if (!counts) return <span className="muted">{t('requestList.front.notAllowed')}</span>;
  return counts.overdue > 0 ? (
    <Link to={paths.requests(controllerId)} className="overdue-count--alert">
      {t('requestList.front.overdue', { count: f.number(counts.overdue) })}
    </Link>
  ) : (
    <Link to={paths.requests(controllerId)}>{t('requestList.front.none')}</Link>
  );
}
