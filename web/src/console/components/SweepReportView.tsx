import type { ReactNode } from 'react';
import { useT } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { useFormat } from '../format.ts';
import { shortId, useRetentionLabels, type SweepReport } from '../retention.ts';
import { paths } from '../routes.ts';
import { useFieldCatalogue } from '../useLabels.ts';

interface SweepReportViewProps {
  report: SweepReport;
  controllerId: string;
  /** Heading level of the report's parts: 3 under a section's h2, 4 under an h3. */
  level: 3 | 4;
}

/**
 * A sweep's report (a preview's or a real run's): the counts, then each list — customers to erase
 * with what goes and what stays, customers held with their holds, orders, kept values and fields.
 * Customers are named by id only, linking to their page, which asks why they are looked at.
 */
export function SweepReportView({ report, controllerId, level }: SweepReportViewProps) {
  const t = useT();
  const f = useFormat();
  const labels = useRetentionLabels();
  const { label, inCatalogueOrder } = useFieldCatalogue();
  const Heading = level === 3 ? 'h3' : 'h4';
  const fieldsCount = report.fields.reduce((sum, x) => sum + x.count, 0);
  const customer = (subjectId: string) => (
    <Link to={paths.customer(controllerId, report.registerId, subjectId)}>
      {t('sweep.customer', { id: shortId(subjectId) })}
    </Link>
  );
  const fieldList = (fields: string[]) =>
    fields.length ? inCatalogueOrder(fields).map(label).join(', ') : <span className="muted">{t('sweep.none')}</span>;
  const more = (count: number, listed: number): ReactNode =>
    count > listed ? <p className="muted">{t('sweep.more', { count: f.number(count - listed) })}</p> : null;
  const nothing =
    report.erased.count + report.held.count + report.orders.count + report.retained.count + fieldsCount === 0;

  const counts: [string, number][] = [
    [t('sweep.countErased'), report.erased.count],
    [t('sweep.countHeld'), report.held.count],
    [t('sweep.countOrders'), report.orders.count],
    [t('sweep.countRetained'), report.retained.count],
    [t('sweep.countFields'), fieldsCount],
  ];

  return (
    <div className="sweep-report">
      <div className="table-wrap">
        <table className="key-value">
          <caption>{t('sweep.summary', { date: f.dateTime(report.asOf) })}</caption>
          <tbody>
            {counts.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="num">{f.number(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nothing ? <p>{t('sweep.nothing')}</p> : null}

      {report.erased.count ? (
        <>
          <Heading>{t('sweep.erasedHeading')}</Heading>
          <div className="table-wrap">
            <table>
              <caption>{t('sweep.erasedCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sweep.customerColumn')}</th>
                  <th scope="col">{t('sweep.goes')}</th>
                  <th scope="col">{t('sweep.stays')}</th>
                  <th scope="col" className="num">
                    {t('sweep.ordersDeleted')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.erased.items.map((e) => (
                  <tr key={e.subjectId}>
                    <th scope="row">{customer(e.subjectId)}</th>
                    <td>{fieldList(e.deleted)}</td>
                    <td>{fieldList(e.kept)}</td>
                    <td className="num">{f.number(e.ordersDeleted)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more(report.erased.count, report.erased.items.length)}
        </>
      ) : null}

      {report.held.count ? (
        <>
          <Heading>{t('sweep.heldHeading')}</Heading>
          <div className="table-wrap">
            <table>
              <caption>{t('sweep.heldCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sweep.customerColumn')}</th>
                  <th scope="col">{t('sweep.kinds')}</th>
                  <th scope="col">{t('sweep.heldUntil')}</th>
                </tr>
              </thead>
              <tbody>
                {report.held.items.map((h) => (
                  <tr key={h.subjectId}>
                    <th scope="row">{customer(h.subjectId)}</th>
                    <td>{h.kinds.map(labels.kind).join(', ')}</td>
                    <td>{f.day(h.until)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more(report.held.count, report.held.items.length)}
        </>
      ) : null}

      {report.orders.count ? (
        <>
          <Heading>{t('sweep.ordersHeading')}</Heading>
          <p>{t('sweep.ordersIntro')}</p>
          <ul className="tag-list">
            {report.orders.items.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
          {more(report.orders.count, report.orders.items.length)}
        </>
      ) : null}

      {report.retained.count ? (
        <>
          <Heading>{t('sweep.retainedHeading')}</Heading>
          <div className="table-wrap">
            <table>
              <caption>{t('sweep.retainedCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sweep.customerColumn')}</th>
                  <th scope="col">{t('erasure.field')}</th>
                </tr>
              </thead>
              <tbody>
                {report.retained.items.map((r) => (
                  <tr key={`${r.subjectId}-${r.field}`}>
                    <th scope="row">{customer(r.subjectId)}</th>
                    <td>{label(r.field)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more(report.retained.count, report.retained.items.length)}
        </>
      ) : null}

      {report.fields.length ? (
        <>
          <Heading>{t('sweep.fieldsHeading')}</Heading>
          <div className="table-wrap">
            <table>
              <caption>{t('sweep.fieldsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('erasure.field')}</th>
                  <th scope="col" className="num">
                    {t('stats.customers')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.fields.map((x) => (
                  <tr key={x.field}>
                    <th scope="row">{label(x.field)}</th>
                    <td className="num">{f.number(x.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
