import { useT } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { useFormat } from '../format.ts';
import { paths } from '../routes.ts';
import type { ProcessingEvent } from '../types.ts';
import { useActionName, useActorTypeName, usePurposeName } from '../useLabels.ts';

interface EventsTableProps {
  caption: string;
  events: ProcessingEvent[];
  /** Field key → label in the UI language. */
  fieldLabel: (key: string) => string;
  /** With a link to the customer of each event (the audit trail). */
  controllerId?: string;
  /** Names for the register's own purpose keys, tried before the platform's. */
  registerPurpose?: (key: string) => string | undefined;
}

/** Processing events: when, what, by whom, for which purpose, which fields. */
export function EventsTable({ caption, events, fieldLabel, controllerId, registerPurpose }: EventsTableProps) {
  const t = useT();
  const f = useFormat();
  const actorType = useActorTypeName();
  const actionName = useActionName();
  const purposeName = usePurposeName();
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('events.at')}</th>
            <th scope="col">{t('events.action')}</th>
            <th scope="col">{t('events.actor')}</th>
            <th scope="col">{t('events.purpose')}</th>
            <th scope="col">{t('events.fields')}</th>
            {controllerId ? <th scope="col">{t('events.customer')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={String(e.seq)}>
              <th scope="row">{f.dateTime(e.at)}</th>
              <td>
                {actionName(e.action)}
                {actionName(e.action) !== e.action ? (
                  <>
                    <br />
                    <code className="muted">{e.action}</code>
                  </>
                ) : null}
              </td>
              <td>
                {actorType(e.actorType)}
                {e.actorId ? (
                  <>
                    {' '}
                    <code className="muted id">{e.actorId}</code>
                  </>
                ) : null}
              </td>
              <td>{registerPurpose?.(e.purpose) ?? purposeName(e.purpose)}</td>
              <td>{(e.fields ?? []).map(fieldLabel).join(', ')}</td>
              {controllerId ? (
                <td>
                  {e.registerId && e.subjectId ? (
                    <Link to={paths.customer(controllerId, e.registerId, e.subjectId)}>{t('events.openCustomer')}</Link>
                  ) : (
                    ''
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
