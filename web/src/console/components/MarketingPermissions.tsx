import { useId, useMemo, type ReactNode } from 'react';
import { useT } from '../../i18n/index.tsx';
import { withQuery } from '../api.ts';
import { useConsentLabels, type ConsentEvent, type PermissionsView } from '../consents.ts';
import { useFormat } from '../format.ts';
import { useResource } from '../useResource.ts';
import { ResourceStatus } from './Loading.tsx';
import { RecordLetterForm } from './RecordLetterForm.tsx';

interface MarketingPermissionsProps {
  /** …/customers/{subjectId}: the permissions and the letters are under it. */
  customerPath: string;
  /** Why the customer is looked at: the permissions are a look of their own, recorded with it. */
  purpose: string;
  canRecord: boolean;
}

/**
 * The customer's marketing permissions: whether each purpose may use each channel and what decided
 * it, the whole ledger with its proof (newest first), and for those allowed a form for a letter.
 * Read again with every look at the customer (the page mounts this anew). The ledger only grows,
 * so there is nothing here to edit or delete.
 */
export function MarketingPermissions({ customerPath, purpose, canRecord }: MarketingPermissionsProps) {
  const t = useT();
  const permissions = useResource<PermissionsView>(withQuery(`${customerPath}/permissions`, { purpose }));
  const data = permissions.data;

  return (
    <section aria-labelledby="customer-permissions" className="section">
      <h2 id="customer-permissions">{t('consents.heading')}</h2>
      <p>{t('consents.intro')}</p>
      <ResourceStatus resource={permissions} />
      {data ? (
        <>
          <PermissionTable data={data} />
          <h3>{t('consents.historyHeading')}</h3>
          {data.events.length ? (
            <ConsentHistory events={data.events} purposes={data.purposes} />
          ) : (
            <p>{t('consents.noHistory')}</p>
          )}
        </>
      ) : null}
      {canRecord ? (
        data ? (
          <RecordLetterForm
            path={`${customerPath}/consents`}
            purposes={data.purposes}
            onRecorded={permissions.reload}
          />
        ) : null
      ) : (
        <p>{t('consents.readOnly')}</p>
      )}
    </section>
  );
}

/**
 * A wide table scrolls sideways in its own box; the box takes the keyboard focus so that it can be
 * scrolled without a mouse, and is named by the table's caption.
 */
function ScrollingTable({ captionId, children }: { captionId: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      {children}
    </div>
  );
}

/** Purposes down, channels across; each cell says allowed or not in words, why, and the rule. */
function PermissionTable({ data }: { data: PermissionsView }) {
  const t = useT();
  const labels = useConsentLabels();
  const cells = useMemo(() => new Map(data.state.map((c) => [`${c.purpose}\u0000${c.channel}`, c])), [data.state]);
  const captionId = useId();
  return (
    <ScrollingTable captionId={captionId}>
      <table className="permissions">
        <caption id={captionId}>{t('consents.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('consents.purpose')}</th>
            {data.channels.map((channel) => (
              <th scope="col" key={channel}>
                {labels.channel(channel)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.purposes.map((p) => (
            <tr key={p.key}>
              <th scope="row">{labels.purpose(p.key, p.name)}</th>
              {data.channels.map((channel) => {
                const cell = cells.get(`${p.key}\u0000${channel}`);
                if (!cell) return <td key={channel} />;
                return (
                  <td key={channel}>
                    <span className={cell.allowed ? 'permission permission--allowed' : 'permission permission--denied'}>
                      {cell.allowed ? t('consents.allowed') : t('consents.notAllowed')}
                    </span>
                    <span className="permission__reason">{labels.reason(cell.reason)}</span>
                    <span className="permission__rule muted">
                      <span className="visually-hidden">{t('consents.rule')} </span>
                      {cell.rule}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollingTable>
  );
}

/** A date without a time (a letter's date, YYYY-MM-DD) in the UI language, read in UTC so that it never shifts a day. */
function useDay() {
  const f = useFormat();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium', timeZone: 'UTC' });
    return (value: string) => {
      const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
      return Number.isNaN(ms) ? value : format.format(ms);
    };
  }, [f.locale]);
}

function ConsentHistory({ events, purposes }: { events: ConsentEvent[]; purposes: PermissionsView['purposes'] }) {
  const t = useT();
  const f = useFormat();
  const labels = useConsentLabels();
  const day = useDay();
  const captionId = useId();
  const none = <span className="muted">{t('consents.none')}</span>;
  const purposeName = (key: string) => labels.purpose(key, purposes.find((p) => p.key === key)?.name);

  const evidence = (e: ConsentEvent): string[] =>
    Object.entries(e.evidence ?? {}).map(([key, value]) => {
      const text = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
      switch (key) {
        case 'orderId':
          return t('consents.evidence.orderId', { value: text });
        case 'letterDate':
          return t('consents.evidence.letterDate', { value: day(text) });
        case 'note':
          return t('consents.evidence.note', { value: text });
        case 'method':
          return t('consents.evidence.method', { value: labels.method(text) });
        case 'header':
          return t('consents.evidence.header', { value: text });
        default:
          return `${key}: ${text}`;
      }
    });

  return (
    <ScrollingTable captionId={captionId}>
      <table className="consent-history">
        <caption id={captionId}>{t('consents.historyCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('consents.occurredAt')}</th>
            <th scope="col">{t('consents.kind')}</th>
            <th scope="col">{t('consents.channel')}</th>
            <th scope="col">{t('consents.purpose')}</th>
            <th scope="col">{t('consents.source')}</th>
            <th scope="col">{t('consents.noticeVersion')}</th>
            <th scope="col">{t('consents.recordedAt')}</th>
            <th scope="col">{t('consents.ip')}</th>
            <th scope="col">{t('consents.recordedBy')}</th>
            <th scope="col">{t('consents.evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const proof = evidence(e);
            return (
              <tr key={e.id}>
                <th scope="row">{f.dateTime(e.occurredAt)}</th>
                <td>{labels.kind(e.kind)}</td>
                <td>{labels.channel(e.channel ?? 'all')}</td>
                <td>{purposeName(e.purpose)}</td>
                <td>{labels.source(e.source)}</td>
                <td>{e.noticeVersion ?? none}</td>
                <td>{f.dateTime(e.recordedAt)}</td>
                <td>{e.ip ? <code>{e.ip}</code> : none}</td>
                <td className="consent-history__who">{e.recordedBy ?? none}</td>
                <td>
                  {proof.length ? (
                    <ul className="plain-list">
                      {proof.map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  ) : (
                    none
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollingTable>
  );
}
