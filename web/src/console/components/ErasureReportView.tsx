import { useId, type Ref } from 'react';
import { useT } from '../../i18n/index.tsx';
import { useFormat } from '../format.ts';
import { useRetentionLabels, type ErasureReport } from '../retention.ts';
import { useFieldCatalogue } from '../useLabels.ts';

interface ErasureReportViewProps {
  report: ErasureReport;
  headingRef?: Ref<HTMLHeadingElement>;
}

/**
 * What an erasure did: the data deleted, the data kept with the reason and the day it goes, what
 * stays without the person (orders for the books, the proof of permissions), and the orders.
 */
export function ErasureReportView({ report, headingRef }: ErasureReportViewProps) {
  const t = useT();
  const f = useFormat();
  const labels = useRetentionLabels();
  const { label, inCatalogueOrder } = useFieldCatalogue();
  const id = useId();
  const keptOrders = report.orders.kept;
  const keptFields = inCatalogueOrder(report.kept.map((k) => k.field)).map((field) =>
    report.kept.find((k) => k.field === field)!,
  );

  return (
    <section aria-labelledby={`${id}-heading`} className="erasure-report panel">
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {t('erasure.reportHeading')}
      </h3>
      <p>
        {report.cause === 'retention' ? t('erasure.causeRetention') : t('erasure.causeRequest')}{' '}
        {t('erasure.erasedAt', { date: f.dateTime(report.erasedAt) })}
      </p>

      <h4>{t('erasure.deleted')}</h4>
      {report.deleted.length ? (
        <ul className="tag-list">
          {inCatalogueOrder(report.deleted).map((field) => (
            <li key={field}>{label(field)}</li>
          ))}
        </ul>
      ) : (
        <p>{t('erasure.nothing')}</p>
      )}

      <h4>{t('erasure.kept')}</h4>
      {report.kept.length ? (
        <div className="table-wrap">
          <table>
            <caption>{t('erasure.keptCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('erasure.field')}</th>
                <th scope="col">{t('erasure.reason')}</th>
                <th scope="col">{t('erasure.until')}</th>
              </tr>
            </thead>
            <tbody>
              {keptFields.map((k) => (
                <tr key={k.field}>
                  <th scope="row">{label(k.field)}</th>
                  <td>{labels.reason(k.reason)}</td>
                  <td>{f.day(k.until)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('erasure.nothingKept')}</p>
      )}

      {report.anonymised.length ? (
        <>
          <h4>{t('erasure.anonymised')}</h4>
          <p>{t('erasure.anonymisedIntro')}</p>
          <ul className="tag-list">
            {report.anonymised.map((field) => (
              <li key={field}>{label(field)}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h4>{t('erasure.orders')}</h4>
      <p>{t('erasure.ordersDeleted', { count: f.number(report.orders.deleted) })}</p>
      {keptOrders.length ? (
        <div className="table-wrap">
          <table>
            <caption>{t('erasure.ordersKeptCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('orders.orderId')}</th>
                <th scope="col">{t('erasure.reason')}</th>
                <th scope="col">{t('erasure.until')}</th>
              </tr>
            </thead>
            <tbody>
              {keptOrders.map((o) => (
                <tr key={o.orderId}>
                  <th scope="row">{o.orderId}</th>
                  <td>{labels.reason(o.reason)}</td>
                  <td>{f.day(o.until)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
