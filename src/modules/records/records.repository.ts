import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';

export interface RegisterFactsRow {
  id: string;
  controller_id: string;
  name: string;
  current_version: number;
  published_at: Date;
  customers: number;
  erased: number;
  last_sweep_at: Date | null;
}

/** The reads of the records of processing: registers with their published version and counts only, never a customer. */
export function recordsRepository(db: Tx) {
  return {
    /** Every register of the given controllers (all when null), with its customer counts and last real sweep. */
    async registers(controllerIds: string[] | null): Promise<RegisterFactsRow[]> {
      if (controllerIds && controllerIds.length === 0) return [];
      const { rows } = await sql<RegisterFactsRow>`
        SELECT r.id, r.controller_id, r.name, r.current_version, rd.created_at AS published_at,
               coalesce(c.customers, 0)::int AS customers, coalesce(c.erased, 0)::int AS erased,
               sw.last_sweep_at
        FROM registers r
        JOIN register_descriptions rd ON rd.register_id = r.id AND rd.version = r.current_version
        LEFT JOIN LATERAL (
          SELECT count(*) FILTER (WHERE s.erased_at IS NULL) AS customers,
                 count(*) FILTER (WHERE s.erased_at IS NOT NULL) AS erased
          FROM subjects s WHERE s.register_id = r.id
        ) c ON true
        LEFT JOIN LATERAL (
          SELECT max(finished_at) AS last_sweep_at FROM retention_sweeps
          WHERE register_id = r.id AND NOT dry_run AND finished_at IS NOT NULL
        ) sw ON true
        ${controllerIds ? sql`WHERE r.controller_id = ANY(${controllerIds}::uuid[])` : sql``}
        ORDER BY r.controller_id, r.created_at, r.id`.execute(db);
      return rows.map((r) => ({ ...r, customers: Number(r.customers), erased: Number(r.erased) }));
    },

    controllers(ids: string[] | null) {
      let q = db.selectFrom('controllers').select(['id', 'name', 'business_id', 'contact']).orderBy('name');
      if (ids) q = q.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
      return q.execute();
    },

    /** The platform operators' console accounts: the processor's people to contact. */
    operators() {
      return db
        .selectFrom('staff_accounts')
        .select(['name', 'email'])
        .where('is_operator', '=', true)
        .where('disabled_at', 'is', null)
        .orderBy('created_at')
        .execute();
    },
  };
}
