import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';

/** One group of a GROUPING SETS query: month and area are null in the margins they are summed over. */
export interface CustomerGroupRow {
  month: string | null;
  area: string | null;
  /** GROUPING(month, area): 0 for month × area, 1 for a month's total, 2 for an area's total. */
  grouping: number;
  customers: number;
  small: string[] | null;
}

export interface OrderGroupRow extends CustomerGroupRow {
  currency: string;
  orders: number;
  total: string;
}

/** The month in Finland: a purchase at 00:30 on 1 May in Helsinki belongs to May. */
const month = (column: string) =>
  sql<string>`to_char(date_trunc('month', ${sql.ref(column)} AT TIME ZONE 'Europe/Helsinki'), 'YYYY-MM')`;

/** The postal area: the first three digits of a Finnish postal code (Åland's too), else unknown (null). */
const area = sql<string | null>`CASE WHEN (s.country IS NULL OR s.country IN ('FI', 'AX'))
  AND s.postal_code ~ '^[0-9]{5}$' THEN left(s.postal_code, 3) END`;

/**
 * Aggregates of one register, read in the caller's tenant transaction. The ids of the people in a
 * group of fewer than k come back only for the suppression to count distinct people across
 * groups; they never leave the service.
 */
export function statisticsRepository(tx: Tx) {
  return {
    /** Customers not erased, by the month they were first seen and their postal area. */
    async customers(registerId: string, k: number): Promise<CustomerGroupRow[]> {
      const { rows } = await sql<CustomerGroupRow>`
        WITH c AS (
          SELECT s.id, ${month('s.created_at')} AS month, ${area} AS area
          FROM subjects s WHERE s.register_id = ${registerId} AND s.erased_at IS NULL
        )
        SELECT month, area, GROUPING(month, area)::int AS grouping, count(*)::int AS customers,
               CASE WHEN count(*) < ${k} THEN array_agg(id::text) END AS small
        FROM c GROUP BY GROUPING SETS ((month, area), (month), (area))`.execute(tx);
      return rows;
    },

    /** Orders by the month they were placed and their customer's postal area, per currency. */
    async orders(registerId: string, k: number): Promise<OrderGroupRow[]> {
      const { rows } = await sql<OrderGroupRow>`
        WITH o AS (
          SELECT o.subject_id, o.currency, o.total_amount, ${month('o.placed_at')} AS month, ${area} AS area
          FROM orders o JOIN subjects s ON s.id = o.subject_id WHERE o.register_id = ${registerId}
        )
        SELECT currency, month, area, GROUPING(month, area)::int AS grouping, count(*)::int AS orders,
               sum(total_amount)::numeric(16, 2)::text AS total, count(DISTINCT subject_id)::int AS customers,
               CASE WHEN count(DISTINCT subject_id) < ${k} THEN array_agg(DISTINCT subject_id::text) END AS small
        FROM o GROUP BY currency, GROUPING SETS ((month, area), (month), (area))`.execute(tx);
      return rows;
    },
  };
}
