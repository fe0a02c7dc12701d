import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { inTenant } from '../../db/tenant.ts';
import { pathId } from '../../http/ids.ts';
import { requirePermission } from '../../http/staff-auth.ts';

const params = z.object({ controllerId: z.string() });

export function auditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database } = deps;
  const db = database.db;
  return async (app) => {
    app.get(
      '/api/v1/controllers/:controllerId/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Processing events, newest first',
          params,
          querystring: z
            .object({
              action: z.string().max(100).optional(),
              actorType: z.enum(['staff', 'api_key', 'system', 'subject', 'operator']).optional(),
              subjectId: z.string().uuid().optional(),
              from: z.iso.date().optional(),
              to: z.iso.date().optional(),
              before: z.coerce.number().int().min(1).optional(),
              limit: z.coerce.number().int().min(1).max(500).default(100),
            })
            .strict(),
        },
      },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        await requirePermission(db, request, controllerId, 'audit.read');
        const f = request.query;
        return inTenant(db, controllerId, async (tx) => {
          let query = tx.selectFrom('processing_events').selectAll().where('controller_id', '=', controllerId);
          if (f.action) query = query.where('action', '=', f.action);
          if (f.actorType) query = query.where('actor_type', '=', f.actorType);
          if (f.subjectId) query = query.where('subject_id', '=', f.subjectId);
          if (f.from) query = query.where('at', '>=', new Date(`${f.from}T00:00:00Z`));
          if (f.to) query = query.where('at', '<', new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000));
          if (f.before) query = query.where('seq', '<', f.before);
          const rows = await query
            .orderBy('seq', 'desc')
            .limit(f.limit + 1)
            .execute();
          const page = rows.slice(0, f.limit);
          return {
            items: page.map((e) => ({
              seq: Number(e.seq),
              at: new Date(e.at).toISOString(),
              actorType: e.actor_type,
              actorId: e.actor_id,
              action: e.action,
              purpose: e.purpose,
              registerId: e.register_id,
              subjectId: e.subject_id,
              fields: e.fields,
            })),
            next: rows.length > f.limit ? Number(page[page.length - 1]!.seq) : null,
          };
        });
      },
    );

    app.get(
      '/api/v1/controllers/:controllerId/stats',
      { schema: { tags: ['audit'], summary: 'Customers and orders per month, events by action', params } },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        await requirePermission(db, request, controllerId, 'register.read');
        return inTenant(db, controllerId, async (tx) => {
          const month = (column: string) => sql<string>`to_char(date_trunc('month', ${sql.ref(column)}), 'YYYY-MM')`;
          const [customers, orders, events] = await Promise.all([
            tx
              .selectFrom('subjects')
              .select([month('created_at').as('month'), sql<number>`count(*)`.as('count')])
              .where('controller_id', '=', controllerId)
              .groupBy(sql`1`)
              .orderBy(sql`1`)
              .execute(),
            tx
              .selectFrom('orders')
              .select([month('placed_at').as('month'), sql<number>`count(*)`.as('count')])
              .where('controller_id', '=', controllerId)
              .groupBy(sql`1`)
              .orderBy(sql`1`)
              .execute(),
            tx
              .selectFrom('processing_events')
              .select(['action', sql<number>`count(*)`.as('count')])
              .where('controller_id', '=', controllerId)
              .groupBy('action')
              .orderBy('action')
              .execute(),
          ]);
          const n = (rows: { count: number }[]) => rows.map((r) => ({ ...r, count: Number(r.count) }));
          return { customersByMonth: n(customers), ordersByMonth: n(orders), eventsByAction: n(events) };
        });
      },
    );
  };
}
