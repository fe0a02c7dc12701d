import { useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { controllerPath } from '../api.ts';
import { useFormat } from '../format.ts';
import { useResource } from '../useResource.ts';
import { ResourceStatus } from './Loading.tsx';

type Hidden = { suppressed: true };
type Keys = { month?: string; area?: string | null };
type CustomerRow = Keys & ({ customers: number } | Hidden);
type OrderRow = Keys & { currency: string } & ({ orders: number; total: string } | Hidden);

interface Statistics {
  k: number;
  customers: { byMonth: CustomerRow[]; byArea: CustomerRow[]; byMonthAndArea: CustomerRow[] };
  orders: { byMonth: OrderRow[]; byArea: OrderRow[]; byMonthAndArea: OrderRow[] };
}

const isHidden = (row: object): row is Hidden => 'suppressed' in row;

/**
 * The register's customers and orders by month and postal area (GET …/statistics), with no group
 * under k customers. Asked for with a button: every request is recorded in the audit trail.
 */
export function RegisterStatistics({ controllerId, registerId }: { controllerId: string; registerId: string }) {
  const t = useT();
  const [asked, setAsked] = useState(false);
  const stats = useResource<Statistics>(
    asked ? controllerPath(controllerId, `/registers/${encodeURIComponent(registerId)}/statistics`) : null,
  );
  const data = stats.data;

  return (
    <section aria-labelledby="statistics-heading" className="section">
      <h2 id="statistics-heading">{t('statistics.heading')}</h2>
      <p>{t('statistics.intro', { k: String(data?.k ?? 5) })}</p>
      <p>{t('statistics.audit')}</p>
      <p>
        <button
          type="button"
          className={asked ? 'button button--secondary' : 'button'}
          onClick={() => (asked ? stats.reload() : setAsked(true))}
        >
          {asked ? t('statistics.again') : t('statistics.show')}
        </button>
      </p>
      {asked ? <ResourceStatus resource={stats} /> : null}
      {data ? (
        <>
          <h3>{t('statistics.customersHeading')}</h3>
          <CustomerTable caption={t('statistics.customersByMonth')} rows={data.customers.byMonth} keys={['month']} />
          <CustomerTable caption={t('statistics.customersByArea')} rows={data.customers.byArea} keys={['area']} />
          <CustomerTable
            caption={t('statistics.customersByMonthAndArea')}
            rows={data.customers.byMonthAndArea}
            keys={['month', 'area']}
          />
          <h3>{t('statistics.ordersHeading')}</h3>
          <OrderTable caption={t('statistics.ordersByMonth')} rows={data.orders.byMonth} keys={['month']} />
          <OrderTable caption={t('statistics.ordersByArea')} rows={data.orders.byArea} keys={['area']} />
          <OrderTable
            caption={t('statistics.ordersByMonthAndArea')}
            rows={data.orders.byMonthAndArea}
            keys={['month', 'area']}
          />
        </>
      ) : null}
    </section>
  );
}

type Key = 'month' | 'area';

/** The group's own headers (month, postal area), each a row header. */
function useKeyCells() {
  const t = useT();
  const f = useFormat();
  const header = (key: Key) => (key === 'month' ? t('stats.month') : t('statistics.area'));
  const value = (row: Keys, key: Key) =>
    key === 'month'
      ? f.month(row.month ?? '')
      : row.area
        ? t('statistics.areaCode', { area: row.area })
        : t('statistics.unknownArea');
  return { header, value };
}

function HiddenCell({ currency }: { currency?: string | undefined }) {
  const t = useT();
  return <td className="num muted">{currency ? t('statistics.hiddenIn', { currency }) : t('statistics.hidden')}</td>;
}

function CustomerTable({ caption, rows, keys }: { caption: string; rows: CustomerRow[]; keys: Key[] }) {
  const t = useT();
  const f = useFormat();
  const cells = useKeyCells();
  return (
    <div className="table-wrap">
      <table className="stats-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {keys.map((k) => (
              <th scope="col" key={k}>
                {cells.header(k)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('stats.customers')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={keys.length + 1}>{t('chart.empty')}</td>
            </tr>
          ) : (
            rows.map((row, i) => (
              <tr key={i}>
                {keys.map((k) => (
                  <th scope="row" key={k}>
                    {cells.value(row, k)}
                  </th>
                ))}
                {isHidden(row) ? <HiddenCell /> : <td className="num">{f.number(row.customers)}</td>}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function OrderTable({ caption, rows, keys }: { caption: string; rows: OrderRow[]; keys: Key[] }) {
  const t = useT();
  const f = useFormat();
  const cells = useKeyCells();
  // With several currencies a hidden sum says whose it is; with one there is nothing to tell apart.
  const several = new Set(rows.map((r) => r.currency)).size > 1;
  return (
    <div className="table-wrap">
      <table className="stats-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {keys.map((k) => (
              <th scope="col" key={k}>
                {cells.header(k)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('stats.orders')}
            </th>
            <th scope="col" className="num">
              {t('statistics.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={keys.length + 2}>{t('chart.empty')}</td>
            </tr>
          ) : (
            rows.map((row, i) => (
              <tr key={i}>
                {keys.map((k) => (
                  <th scope="row" key={k}>
                    {cells.value(row, k)}
                  </th>
                ))}
                {isHidden(row) ? (
                  <>
                    <HiddenCell />
                    <HiddenCell currency={several ? row.currency : undefined} />
                  </>
                ) : (
                  <>
                    <td className="num">{f.number(row.orders)}</td>
                    <td className="num">{f.money(row.total, row.currency)}</td>
                  </>
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
