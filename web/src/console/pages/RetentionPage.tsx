import { useEffect, useId, useRef, useState } from 'react';
import { useLang, useT } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { controllerPath, withQuery } from '../api.ts';
import { SelectField } from '../components/fields.tsx';
import { ResourceStatus } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { SweepReportView } from '../components/SweepReportView.tsx';
import { pickLocalized, useFormat } from '../format.ts';
import { shortId, useRetentionLabels, type Hold, type Sweep, type SweepReport } from '../retention.ts';
import { paths } from '../routes.ts';
import type { Localized, RegisterSummary, StoredDescription } from '../types.ts';
import { useResource } from '../useResource.ts';

interface RetentionPageProps {
  controllerId: string;
  registerId: string;
}

/**
 * /console/c/{controllerId}/registers/{registerId}/retention: what the next retention sweep would
 * do (a dry run as the page opens), the holds in force, and the reports of past sweeps. Every
 * read is recorded in the audit trail by the server.
 */
export function RetentionPage({ controllerId, registerId }: RetentionPageProps) {
  const t = useT();
  const { lang } = useLang();
  const base = controllerPath(controllerId, `/registers/${encodeURIComponent(registerId)}`);
  const registers = useResource<{ items: RegisterSummary[] }>(controllerPath(controllerId, '/registers'));
  const register = registers.data?.items.find((r) => r.id === registerId);
  const description = useResource<StoredDescription>(
    register ? `${base}/descriptions/${register.currentVersion}` : null,
  );
  const name =
    pickLocalized((description.data?.document as { name?: Localized } | undefined)?.name, lang) || register?.name || '';
  const preview = useResource<SweepReport>(`${base}/retention/preview`);

  return (
    <>
      <PageHeading title={t('retentionPage.title')}>
        {name ? <p className="lead">{t('retentionPage.register', { name })}</p> : null}
        <p>
          <Link to={paths.register(controllerId, registerId)}>{t('retentionPage.back')}</Link>
        </p>
      </PageHeading>
      <p>{t('retentionPage.intro')}</p>

      <section aria-labelledby="preview-heading" className="section">
        <h2 id="preview-heading">{t('retentionPage.previewHeading')}</h2>
        <p>{t('retentionPage.previewIntro')}</p>
        <ResourceStatus resource={preview} />
        {preview.data ? (
          <>
            <SweepReportView report={preview.data} controllerId={controllerId} level={3} />
          </>
        ) : null}
        <button type="button" className="button button--secondary" onClick={preview.reload}>
          {t('retentionPage.previewAgain')}
        </button>
      </section>

      <HoldsInForce controllerId={controllerId} registerId={registerId} path={`${base}/holds`} />
      <PastSweeps
        controllerId={controllerId}
        path={`${base}/retention/sweeps`}
        previewAsOf={preview.data?.asOf ?? (preview.status === 'error' ? '' : null)}
      />
    </>
  );
}

function HoldsInForce({ controllerId, registerId, path }: { controllerId: string; registerId: string; path: string }) {
  const t = useT();
  const f = useFormat();
  const labels = useRetentionLabels();
  const holds = useResource<{ count: number; items: Hold[] }>(path);
  const data = holds.data;
  return (
    <section aria-labelledby="holds-heading" className="section">
      <h2 id="holds-heading">{t('retentionPage.holdsHeading')}</h2>
      <ResourceStatus resource={holds} />
      {data && data.items.length === 0 ? <p>{t('retentionPage.noHolds')}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          <div className="table-wrap">
            <table>
              <caption>{t('retentionPage.holdsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sweep.customerColumn')}</th>
                  <th scope="col">{t('hold.kind')}</th>
                  <th scope="col">{t('hold.reason')}</th>
                  <th scope="col">{t('hold.until')}</th>
                  <th scope="col">{t('hold.order')}</th>
                  <th scope="col">{t('hold.setBy')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((h) => (
                  <tr key={h.id}>
                    <th scope="row">
                      {h.subjectId ? (
                        <Link to={paths.customer(controllerId, registerId, h.subjectId)}>
                          {t('sweep.customer', { id: shortId(h.subjectId) })}
                        </Link>
                      ) : null}
                    </th>
                    <td>{labels.kind(h.kind)}</td>
                    <td>{h.reason}</td>
                    <td>{f.day(h.until)}</td>
                    <td>{h.orderId ?? t('hold.wholeCustomer')}</td>
                    <td className="consent-history__who">
                      {labels.setBy(h.setBy)}
                      <span className="muted"> · {f.dateTime(h.createdAt)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.count > data.items.length ? (
            <p className="muted">{t('sweep.more', { count: f.number(data.count - data.items.length) })}</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

const FILTERS = { all: undefined, real: 'false', dry: 'true' } as const;
type Filter = keyof typeof FILTERS;

/** The reports, read once the preview has been stored (previewAsOf null: not yet), and again after each new preview. */
function PastSweeps({
  controllerId,
  path,
  previewAsOf,
}: {
  controllerId: string;
  path: string;
  previewAsOf: string | null;
}) {
  const t = useT();
  const f = useFormat();
  const id = useId();
  const [filter, setFilter] = useState<Filter>('all');
  const [open, setOpen] = useState<string | null>(null);
  const sweeps = useResource<{ items: Sweep[] }>(
    previewAsOf === null ? null : withQuery(path, { limit: 20, dryRun: FILTERS[filter] }),
  );
  const { reload } = sweeps;
  const seen = useRef(previewAsOf);
  useEffect(() => {
    if (seen.current !== null && previewAsOf !== null && previewAsOf !== seen.current) reload();
    seen.current = previewAsOf;
  }, [previewAsOf, reload]);
  const items = sweeps.data?.items ?? [];
  const chosen = items.find((s) => s.id === open) ?? null;

  return (
    <section aria-labelledby="sweeps-heading" className="section">
      <h2 id="sweeps-heading">{t('retentionPage.sweepsHeading')}</h2>
      <div className="form form--inline">
        <SelectField
          label={t('retentionPage.sweepsFilter')}
          value={filter}
          onChange={(value) => {
            setFilter(value as Filter);
            setOpen(null);
          }}
          options={[
            { value: 'all', label: t('retentionPage.filterAll') },
            { value: 'real', label: t('retentionPage.filterReal') },
            { value: 'dry', label: t('retentionPage.filterDry') },
          ]}
        />
      </div>
      <ResourceStatus resource={sweeps} />
      {sweeps.data && items.length === 0 ? <p>{t('retentionPage.noSweeps')}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="sweeps">
            <caption>{t('retentionPage.sweepsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('retentionPage.startedAt')}</th>
                <th scope="col">{t('retentionPage.type')}</th>
                <th scope="col" className="num">
                  {t('sweep.countErased')}
                </th>
                <th scope="col" className="num">
                  {t('sweep.countHeld')}
                </th>
                <th scope="col" className="num">
                  {t('sweep.countOrders')}
                </th>
                <th scope="col" className="num">
                  {t('sweep.countRetained')}
                </th>
                <th scope="col" className="num">
                  {t('sweep.countFields')}
                </th>
                <th scope="col">{t('retentionPage.report')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{f.dateTime(s.startedAt)}</th>
                  <td>{s.dryRun ? t('retentionPage.typeDry') : t('retentionPage.typeReal')}</td>
                  <td className="num">{f.number(s.counts.erased)}</td>
                  <td className="num">{f.number(s.counts.held)}</td>
                  <td className="num">{f.number(s.counts.orders)}</td>
                  <td className="num">{f.number(s.counts.retained)}</td>
                  <td className="num">{f.number(s.counts.fields)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-expanded={open === s.id}
                      aria-controls={`${id}-report`}
                      onClick={() => setOpen(open === s.id ? null : s.id)}
                    >
                      {open === s.id ? t('retentionPage.hideReport') : t('retentionPage.showReport')}
                      <span className="visually-hidden"> {f.dateTime(s.startedAt)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div id={`${id}-report`}>
        {chosen ? (
          <section aria-labelledby={`${id}-report-heading`} className="panel">
            <h3 id={`${id}-report-heading`}>
              {t('retentionPage.reportOf', {
                type: chosen.dryRun ? t('retentionPage.typeDry') : t('retentionPage.typeReal'),
                date: f.dateTime(chosen.startedAt),
              })}
            </h3>
            <SweepReportView report={chosen.report} controllerId={controllerId} level={4} />
          </section>
        ) : null}
      </div>
    </section>
  );
}
