import { useId, useState } from 'react';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { controllerPath, withQuery } from '../api.ts';
import { LiveStatus } from '../components/LiveStatus.tsx';
import { ResourceStatus } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { NewRequestLink } from '../components/request/NewRequestLink.tsx';
import { Pager } from '../components/Pager.tsx';
import { useFormat } from '../format.ts';
import { paths } from '../routes.ts';
import { useResource } from '../useResource.ts';
import './requests.css';

const PAGE_SIZE = 50;
const STATES = ['open', 'closed', 'all'] as const;
type State = (typeof STATES)[number];
type Urgency = 'overdue' | 'due_soon' | 'ok' | 'closed';

/** A request as GET /api/v1/controllers/{id}/requests lists it. */
export interface RequestListItem {
  id: string;
  registerId: string;
  registerName: string;
  types: string[];
  status: string;
  channel: string;
  receivedAt: string;
  dueDate: string;
  extended: boolean;
  identityStatus: 'unverified' | 'verified';
  assignedTo: { id: string; email: string } | null;
  name: string | null;
  email: string | null;
  urgency: Urgency;
}

interface RequestListPage {
  items: RequestListItem[];
  nextCursor: string | null;
  counts: { open: number; overdue: number; dueSoon: number };
}

/** The short reference the desk's mails use for a request. */
export const requestReference = (id: string) => id.slice(0, 8).toUpperCase();

const initialState = (): State => {
  const value = new URLSearchParams(window.location.search).get('state');
  return (STATES as readonly string[]).includes(value ?? '') ? (value as State) : 'open';
};

/** Overdue and due soon are said in words; the colour only helps the eye. */
export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const t = useT();
  if (urgency !== 'overdue' && urgency !== 'due_soon') return null;
  return <span className={`urgency urgency--${urgency}`}>{t(`requestList.urgency.${urgency}`)}</span>;
}

/** /console/controllers/{controllerId}/requests: the desk's requests by due date. */
export function RequestsPage({ controllerId }: { controllerId: string }) {
  const t = useT();
  const f = useFormat();
  const filterId = useId();
  const [state, setState] = useState<State>(initialState);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const list = useResource<RequestListPage>(
    withQuery(controllerPath(controllerId, '/requests'), { state, cursor, limit: PAGE_SIZE }),
  );
  const items = list.data?.items ?? [];
  const counts = list.data?.counts;
  const page = cursors.length;

  const choose = (next: State) => {
    setState(next);
    setCursors([null]);
    const url = new URL(window.location.href);
    if (next === 'open') url.searchParams.delete('state');
    else url.searchParams.set('state', next);
    window.history.replaceState(window.history.state, '', url);
  };

  const typeName = (type: string) => t(`requestList.type.${type}` as MessageKey);
  const statusName = (status: string) => t(`requestList.status.${status}` as MessageKey);
  const shown =
    list.status === 'ready'
      ? items.length
        ? t('requestList.shown', { count: f.number(items.length), page: String(page) })
        : t(`requestList.none.${state}`)
      : null;

  return (
    <>
      <PageHeading title={t('requestList.title')} />
      <p className="lead">{t('requestList.intro')}</p>
      <NewRequestLink controllerId={controllerId} />
      {counts ? (
        <p className={counts.overdue > 0 ? 'request-summary request-summary--overdue' : 'request-summary'}>
          {t('requestList.summary', {
            open: f.number(counts.open),
            overdue: f.number(counts.overdue),
            dueSoon: f.number(counts.dueSoon),
          })}
        </p>
      ) : null}
      <fieldset className="request-filter">
        <legend>{t('requestList.filter')}</legend>
        {STATES.map((s) => (
          <label key={s} className="request-filter__option">
            <input type="radio" name={filterId} value={s} checked={state === s} onChange={() => choose(s)} />
            {t(`requestList.state.${s}`)}
          </label>
        ))}
      </fieldset>
      <LiveStatus message={shown} className="result-count" />
      <ResourceStatus resource={list} />
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="request-table">
            <caption>{t(`requestList.caption.${state}`, { page: String(page) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('requestList.col.reference')}</th>
                <th scope="col">{t('requestList.col.dueDate')}</th>
                <th scope="col">{t('requestList.col.types')}</th>
                <th scope="col">{t('requestList.col.received')}</th>
                <th scope="col">{t('requestList.col.person')}</th>
                <th scope="col">{t('requestList.col.register')}</th>
                <th scope="col">{t('requestList.col.status')}</th>
                <th scope="col">{t('requestList.col.assignedTo')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} className={`request-row request-row--${r.urgency}`}>
                  <th scope="row">
                    <Link to={`${paths.requests(controllerId)}/${encodeURIComponent(r.id)}`}>
                      {requestReference(r.id)}
                    </Link>
                  </th>
                  <td>
                    <span className="request-due">
                      {f.day(r.dueDate)}
                      {r.extended ? <span className="muted"> ({t('requestList.extended')})</span> : null}
                    </span>{' '}
                    <UrgencyBadge urgency={r.urgency} />
                  </td>
                  <td>{r.types.map(typeName).join(', ')}</td>
                  <td>{f.date(r.receivedAt)}</td>
                  <td>
                    {r.name ?? t('requestList.noName')}
                    {r.email ? <span className="request-email">{r.email}</span> : null}
                  </td>
                  <td>{r.registerName}</td>
                  <td>
                    {statusName(r.status)}
                    {r.identityStatus === 'unverified' && r.urgency !== 'closed' ? (
                      <span className="request-note muted">{t('requestList.identityUnverified')}</span>
                    ) : null}
                  </td>
                  <td>
                    {r.assignedTo ? r.assignedTo.email : <span className="muted">{t('requestList.unassigned')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {cursors.length > 1 || list.data?.nextCursor ? (
        <Pager
          previousLabel={t('requestList.earlier')}
          nextLabel={t('requestList.later')}
          onPrevious={cursors.length > 1 ? () => setCursors((c) => c.slice(0, -1)) : null}
          onNext={list.data?.nextCursor ? () => setCursors((c) => [...c, list.data?.nextCursor ?? null]) : null}
        />
      ) : null}
    </>
  );
}
