import { useRef, useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { controllerPath } from '../api.ts';
import { LiveStatus } from '../components/LiveStatus.tsx';
import { ResourceStatus } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { AssignForm, NoteForm } from '../components/request/AssignAndNote.tsx';
import { IdentityPanel } from '../components/request/IdentityPanel.tsx';
import { useRequestLabels } from '../components/request/labels.ts';
import { PartPanel } from '../components/request/PartPanel.tsx';
import { DocumentsTable, HistoryTable } from '../components/request/RequestTables.tsx';
import { CLOSED_PART_STATUSES, requestReference, type RequestDetail } from '../components/request/types.ts';
import '../components/request/request.css';
import { useFormat } from '../format.ts';
import { may } from '../permissions.ts';
import { paths } from '../routes.ts';
import { useRole, useSession } from '../session.tsx';
import { useFieldCatalogue } from '../useLabels.ts';
import { useResource } from '../useResource.ts';

interface RequestPageProps {
  controllerId: string;
  requestId: string;
}

/**
 * /console/controllers/{controllerId}/requests/{requestId}: one request of the desk, with what may
 * be done with it now (the server's `allowed`), its parts, documents and history. Every action
 * reloads the request, so the page always shows the state the server keeps.
 */
export function RequestPage({ controllerId, requestId }: RequestPageProps) {
  const t = useT();
  const role = useRole(controllerId);
  const session = useSession();
  const path = controllerPath(controllerId, `/requests/${encodeURIComponent(requestId)}`);
  const request = useResource<RequestDetail>(path);
  const [message, setMessage] = useState<string | null>(null);
  const status = useRef<HTMLDivElement>(null);
  const canHandle = may(role, 'requests.handle');
  const data = request.data;

  const done = (text: string) => {
    setMessage(text);
    request.reload();
    status.current?.focus();
  };

  return (
    <>
      <PageHeading title={t('request.title', { reference: requestReference(requestId) })}>
        <p>
          <Link to={paths.requests(controllerId)}>{t('request.back')}</Link>
        </p>
      </PageHeading>
      <div ref={status} tabIndex={-1}>
        <LiveStatus message={message} />
      </div>
      <ResourceStatus resource={request} />
      {data ? (
        <>
          <Summary controllerId={controllerId} request={data} />
          {CLOSED_PART_STATUSES.includes(data.status) ? <p>{t('request.closedNote')}</p> : null}
          {!canHandle ? <p>{t('request.readOnly')}</p> : null}
          <IdentityPanel request={data} path={path} canHandle={canHandle} onDone={done} />
          <section aria-labelledby="request-parts" className="section">
            <h2 id="request-parts">{t('request.parts.heading')}</h2>
            {data.parts.map((part) => (
              <PartPanel key={part.type} request={data} part={part} path={path} canHandle={canHandle} onDone={done} />
            ))}
          </section>
          {canHandle && !CLOSED_PART_STATUSES.includes(data.status) ? (
            <section className="section">
              <AssignForm
                controllerId={controllerId}
                request={data}
                path={path}
                me={{ id: session.staff.id, email: session.staff.email }}
                canListStaff={may(role, 'staff.read')}
                onDone={done}
              />
            </section>
          ) : null}
          {canHandle ? (
            <section className="section">
              <NoteForm path={path} onDone={done} />
            </section>
          ) : null}
          <DocumentsTable documents={data.documents} path={path} />
          <HistoryTable history={data.history} />
        </>
      ) : null}
    </>
  );
}

function Summary({ controllerId, request }: { controllerId: string; request: RequestDetail }) {
  const t = useT();
  const f = useFormat();
  const labels = useRequestLabels();
  const { label } = useFieldCatalogue();
  const notGiven = <span className="muted">{t('request.notGiven')}</span>;
  const asked = request.details.rectification;
  const corrections =
    asked && typeof asked === 'object' && !Array.isArray(asked) ? Object.entries(asked as Record<string, unknown>) : [];

  return (
    <section aria-labelledby="request-summary" className="section">
      <h2 id="request-summary">{t('request.summary')}</h2>
      {request.repeatedAccess ? (
        <p>
          <strong className="request-mark">{t('request.repeated')}</strong> {t('request.repeatedText')}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="key-value">
          <caption className="visually-hidden">{t('request.summary')}</caption>
          <tbody>
            <tr>
              <th scope="row">{t('request.reference')}</th>
              <td>{requestReference(request.id)}</td>
            </tr>
            <tr>
              <th scope="row">{t('request.status')}</th>
              <td>
                <strong>{labels.status(request.status)}</strong>
              </td>
            </tr>
            <tr>
              <th scope="row">{t('request.types')}</th>
              <td>{request.types.map(labels.type).join(', ')}</td>
            </tr>
            <tr>
              <th scope="row">{t('request.register')}</th>
              <td>{request.registerName}</td>
            </tr>
            <tr>
              <th scope="row">{t('request.received')}</th>
              <td>{f.date(request.receivedAt)}</td>
            </tr>
            <tr>
              <th scope="row">{t('request.dueDate')}</th>
              <td>
                {f.day(request.dueDate)}
                {request.extendedDueDate ? ` (${t('request.extendedMark')})` : null}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('request.channel')}</th>
              <td>{labels.channel(request.channel)}</td>
            </tr>
            <tr>
              <th scope="row">{t('request.language')}</th>
              <td>{labels.language(request.language)}</td>
            </tr>
            <tr>
              <th scope="row">{t('request.name')}</th>
              <td>{request.name ?? notGiven}</td>
            </tr>
            <tr>
              <th scope="row">{t('request.email')}</th>
              <td>{request.email ?? notGiven}</td>
            </tr>
            <tr>
              <th scope="row">{t('request.message')}</th>
              <td className="request-text">{request.message ?? notGiven}</td>
            </tr>
            {corrections.length > 0 ? (
              <tr>
                <th scope="row">{t('request.askedCorrections')}</th>
                <td>
                  <ul className="plain-list">
                    {corrections.map(([key, value]) => (
                      <li key={key}>
                        {label(key)}: {typeof value === 'string' ? value : JSON.stringify(value)}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">{t('request.customer')}</th>
              <td>
                {request.subjectId ? (
                  <Link to={paths.customer(controllerId, request.registerId, request.subjectId)}>
                    {t('request.customerLink')}
                  </Link>
                ) : (
                  t('request.noCustomer')
                )}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('request.assignedTo')}</th>
              <td>{request.assignedTo?.email ?? t('request.unassigned')}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
