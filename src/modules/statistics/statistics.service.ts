import type { Tx } from '../../db/database.ts';
import { statisticsRepository, type CustomerGroupRow, type OrderGroupRow } from './statistics.repository.ts';
import { linesBy, suppress } from './suppression.ts';

/** No figure stands for fewer than this many distinct customers (docs/statistics.md). */
export const K_ANONYMITY = 5;

type Hidden = { suppressed: true };
type Keys = { month: string; area: string | null };
export type CustomerFigure<K> = K & ({ customers: number } | Hidden);
export type OrderFigure<K> = K & { currency: string } & ({ orders: number; total: string } | Hidden);

export interface RegisterStatistics {
  k: number;
  customers: {
    byMonth: CustomerFigure<Pick<Keys, 'month'>>[];
    byArea: CustomerFigure<Pick<Keys, 'area'>>[];
    byMonthAndArea: CustomerFigure<Keys>[];
  };
  orders: {
    byMonth: OrderFigure<Pick<Keys, 'month'>>[];
    byArea: OrderFigure<Pick<Keys, 'area'>>[];
    byMonthAndArea: OrderFigure<Keys>[];
  };
}

/** Unknown areas last. */
const byArea = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
const order = <R extends CustomerGroupRow & { currency?: string }>(a: R, b: R) =>
  (a.month ?? '').localeCompare(b.month ?? '') ||
  byArea(a.area, b.area) ||
  (a.currency ?? '').localeCompare(b.currency ?? '');

/**
 * The three tables of one population (the customers, or the orders in one currency) with every
 * group of fewer than k customers hidden, and enough others hidden that the hidden ones cannot be
 * worked out from the sums: the two one-way tables add up to the same total, and each row and
 * column of the two-way table adds up to a cell of a one-way table.
 */
function protect<R extends CustomerGroupRow>(rows: R[], k: number) {
  const months = rows.filter((r) => r.grouping === 1);
  const areas = rows.filter((r) => r.grouping === 2);
  const cross = rows.filter((r) => r.grouping === 0);
  const hidden = suppress(
    rows,
    [months, areas, ...linesBy(cross, (r) => r.month!), ...linesBy(cross, (r) => String(r.area))],
    k,
  );
  return { months, areas, cross, hidden };
}

/** Customers and orders of a register, counted by month, postal area and both, with no group under k. */
export async function registerStatistics(tx: Tx, registerId: string, k = K_ANONYMITY): Promise<RegisterStatistics> {
  const repository = statisticsRepository(tx);
  const [customerRows, orderRows] = await Promise.all([
    repository.customers(registerId, k),
    repository.orders(registerId, k),
  ]);

  const c = protect(customerRows, k);
  const customer = (r: CustomerGroupRow) =>
    c.hidden.has(r) ? { suppressed: true as const } : { customers: r.customers };

  const currencies = [...new Set(orderRows.map((r) => r.currency))];
  const perCurrency = currencies.map((currency) =>
    protect(
      orderRows.filter((r) => r.currency === currency),
      k,
    ),
  );
  const hiddenOrders = new Set(perCurrency.flatMap((p) => [...p.hidden]));
  const orderFigure = (r: OrderGroupRow) =>
    hiddenOrders.has(r)
      ? { currency: r.currency, suppressed: true as const }
      : { currency: r.currency, orders: r.orders, total: r.total };
  const all = (pick: (p: ReturnType<typeof protect<OrderGroupRow>>) => OrderGroupRow[]) =>
    perCurrency.flatMap(pick).sort(order);

  return {
    k,
    customers: {
      byMonth: c.months.sort(order).map((r) => ({ month: r.month!, ...customer(r) })),
      byArea: c.areas.sort(order).map((r) => ({ area: r.area, ...customer(r) })),
      byMonthAndArea: c.cross.sort(order).map((r) => ({ month: r.month!, area: r.area, ...customer(r) })),
    },
    orders: {
      byMonth: all((p) => p.months).map((r) => ({ month: r.month!, ...orderFigure(r) })),
      byArea: all((p) => p.areas).map((r) => ({ area: r.area, ...orderFigure(r) })),
      byMonthAndArea: all((p) => p.cross).map((r) => ({ month: r.month!, area: r.area, ...orderFigure(r) })),
    },
  };
}
