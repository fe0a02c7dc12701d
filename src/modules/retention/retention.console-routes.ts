import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import type { HoldKind } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import { notFound } from '../../errors.ts';
import { pathId } from '../../http/ids.ts';
import { requirePermission } from '../../http/staff-auth.ts';
import type { Action } from '../staff/permissions.ts';
import { appendEvents } from '../audit/audit.service.ts';
import { todayInFinland } from '../../finnish-time.ts';
import { registerService } from '../registers/register.service.ts';
import { erasureReportSchema, holdBodySchema, holdSchema } from './retention.routes.ts';
import type { ErasureReport } from './erasure.service.ts';
import { subjectControl, toHold } from './subject-control.service.ts';
import { sweepRegister, type SweepReport } from './sweep.service.ts';

const registerParams = z.object({ controllerId: z.string(), registerId: z.string() });
const subjectParams = registerParams.extend({ subjectId: z.string() });

/** A hold as the console shows it: the order by its number, and who set it by email. */
const consoleHoldSchema = holdSchema.extend({
  setBy: z.object({ type: z.string(), id: z.string().nullable(), email: z.string().nullable() }),
});

const sweepReportSchema = z.object({
  registerId: z.string(),
  asOf: z.string(),
  dryRun: z.boolean(),
  erased: z.object({
    count: z.number().int(),
    items: z.array(
      z.object({
        subjectId: z.string(),
        deleted: z.array(z.string()),
        kept: z.array(z.string()),
        ordersDeleted: z.number().int(),
      }),
    ),
  }),
  held: z.object({
    count: z.number().int(),
    items: z.array(z.object({ subjectId: z.string(), kinds: z.array(z.string()), until: z.string() })),
  }),
  orders: z.object({ count: z.number().int(), items: z.array(z.string()) }),
  retained: z.object({
    count: z.number().int(),
    items: z.array(z.object({ subjectId: z.string(), field: z.string() })),
  }),
  fields: z.array(z.object({ field: z.string(), count: z.number().int() })),
});

const sweepSchema = z.object({
  id: z.string(),
  dryRun: z.boolean(),
  asOf: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  counts: z.object({
    erased: z.number().int(),
    held: z.number().int(),
    orders: z.number().int(),
    retained: z.number().int(),
    fields: z.number().int(),
  }),
  report: sweepReportSchema,
});

interface HoldRow {
  id: string;
  subject_id: string;
  kind: HoldKind;
  reason: string;
  until: string | Date;
  order_id: string | null;
  set_by_type: string;
  set_by_id: string | null;
  created_at: Date | string;
  released_at: Date | string | null;
}

/** Holds with their orders' numbers and the emails of the staff who set them. */
async function holdViews(tx: Tx, rows: HoldRow[]) {
  const orderIds = [...new Set(rows.map((h) => h.order_id).filter((x): x is string => !!x))];
  const staffIds = [...new Set(rows.filter((h) => h.set_by_type === 'staff' && h.set_by_id).map((h) => h.set_by_id!))];
  const [orders, staff] = await Promise.all([
    orderIds.length
      ? tx.selectFrom('orders').select(['id', 'order_ref']).where('id', 'in', orderIds).execute()
      : Promise.resolve([]),
    staffIds.length
      ? tx.selectFrom('staff_accounts').select(['id', 'email']).where('id', 'in', staffIds).execute()
      : Promise.resolve([]),
  ]);
  const orderRef = new Map(orders.map((o) => [o.id, o.order_ref]));
  const email = new Map(staff.map((s) => [s.id, s.email]));
  return rows.map((h) => {
    const hold = toHold(h);
    return {
      ...hold,
      subjectId: h.subject_id,
      orderId: h.order_id ? (orderRef.get(h.order_id) ?? null) : null,
      setBy: {
        ...hold.setBy,
        email: h.set_by_type === 'staff' && h.set_by_id ? (email.get(h.set_by_id) ?? null) : null,
      },
    };
  });
}

function countsOf(report: SweepReport) {
  return {
    erased: report.erased.count,
    held: report.held.count,
    orders: report.orders.count,
    retained: report.retained.count,
    fields: report.fields.reduce((sum, f) => sum + f.count, 0),
  };
}

/**
 * The console's side of retention: a customer's holds, restriction and erasure, and a register's
 * holds in force, the next sweep's preview and the reports of past sweeps. The work is done by the
 * same services as the shop API's (retention.routes.ts); here the actor is the member of staff.
 */
export function retentionConsoleRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database, secretBox } = deps;
  const db = database.db;
  return async (app) => {
    const scope = async (
      request: FastifyRequest<{ Params: { controllerId: string; registerId: string; subjectId?: string } }>,
      action: Action,
    ) => {
      const controllerId = pathId(request.params.controllerId, 'Controller');
      const registerId = pathId(request.params.registerId, 'Register');
      const subjectId = request.params.subjectId !== undefined ? pathId(request.params.subjectId, 'Customer') : '';
      const { staffId } = await requirePermission(db, request, controllerId, action);
      const register = await registerService(db).loadForController(controllerId, registerId);
      return { controllerId, registerId, subjectId, register, actor: { type: 'staff' as const, id: staffId } };
    };
    const customerBase = '/api/v1/controllers/:controllerId/registers/:registerId/customers/:subjectId';
    const registerBase = '/api/v1/controllers/:controllerId/registers/:registerId';

    app.get(
      `${customerBase}/holds`,
      {
        schema: {
          tags: ['retention'],
          summary: "A customer's holds (released ones too), restriction and erasure report; the look is recorded",
          params: subjectParams,
          querystring: z.object({ purpose: z.string().trim().min(1).max(200).default('retention') }).strict(),
          response: {
            200: z.object({
              items: z.array(consoleHoldSchema),
              restrictedAt: z.string().nullable(),
              erasedAt: z.string().nullable(),
              erasure: erasureReportSchema.nullable(),
            }),
          },
        },
      },
      async (request) => {
        const { controllerId, registerId, subjectId, actor } = await scope(request, 'retention.read');
        return inTenant(db, controllerId, async (tx) => {
          const subject = await tx
            .selectFrom('subjects')
            .select(['restricted_at', 'erased_at'])
            .where('id', '=', subjectId)
            .where('register_id', '=', registerId)
            .executeTakeFirst();
          if (!subject) throw notFound('Customer');
          const [rows, erasure] = await Promise.all([
            tx
              .selectFrom('holds')
              .selectAll()
              .where('subject_id', '=', subjectId)
              .orderBy('created_at', 'desc')
              .execute(),
            tx.selectFrom('erasures').select('report').where('subject_id', '=', subjectId).executeTakeFirst(),
          ]);
          await appendEvents(tx, controllerId, actor, [
            { registerId, subjectId, action: 'customer.retention_viewed', purpose: request.query.purpose, fields: [] },
          ]);
          return {
            items: await holdViews(tx, rows),
            restrictedAt: subject.restricted_at ? new Date(subject.restricted_at).toISOString() : null,
            erasedAt: subject.erased_at ? new Date(subject.erased_at).toISOString() : null,
            erasure: erasure ? { ...(erasure.report as ErasureReport), alreadyErased: true } : null,
          };
        });
      },
    );

    app.post(
      `${customerBase}/holds`,
      {
        schema: {
          tags: ['retention'],
          summary:
            'Put a legal hold on a customer (or one order by its number): its data is kept past erasure and sweeps until the date',
          params: subjectParams,
          body: holdBodySchema,
          response: { 201: consoleHoldSchema },
        },
      },
      async (request, reply) => {
        const { controllerId, subjectId, register, actor } = await scope(request, 'retention.hold');
        const hold = await inTenant(db, controllerId, async (tx) => {
          const { id } = await subjectControl(tx, register).addHold(subjectId, request.body, actor);
          const row = await tx.selectFrom('holds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
          return (await holdViews(tx, [row]))[0]!;
        });
        return reply.code(201).send(hold);
      },
    );

    app.delete(
      `${customerBase}/holds/:holdId`,
      {
        schema: {
          tags: ['retention'],
          summary: 'Release a hold (the invoice is paid, the claim settled); the release is recorded',
          params: subjectParams.extend({ holdId: z.string() }),
          response: { 200: consoleHoldSchema },
        },
      },
      async (request) => {
        const { controllerId, subjectId, register, actor } = await scope(request, 'retention.hold');
        const holdId = pathId(request.params.holdId, 'Hold');
        return inTenant(db, controllerId, async (tx) => {
          await subjectControl(tx, register).releaseHold(subjectId, holdId, actor);
          const row = await tx.selectFrom('holds').selectAll().where('id', '=', holdId).executeTakeFirstOrThrow();
          return (await holdViews(tx, [row]))[0]!;
        });
      },
    );

    app.put(
      `${customerBase}/restriction`,
      {
        schema: {
          tags: ['retention'],
          summary: 'Restrict processing (GDPR 18) or lift the restriction',
          description:
            'While restricted the data is only stored: contact checks, marketing lists and order enrichment refuse it.',
          params: subjectParams,
          body: z.object({ restricted: z.boolean(), reason: z.string().trim().min(3).max(500).optional() }).strict(),
          response: { 200: z.object({ restricted: z.boolean(), changed: z.boolean() }) },
        },
      },
      async (request) => {
        const { controllerId, subjectId, register, actor } = await scope(request, 'retention.hold');
        return inTenant(db, controllerId, (tx) =>
          subjectControl(tx, register).setRestriction(
            subjectId,
            request.body.restricted,
            request.body.reason ?? null,
            actor,
          ),
        );
      },
    );

    app.post(
      `${customerBase}/erasure`,
      {
        schema: {
          tags: ['retention'],
          summary: 'Erase a customer: everything goes but what a law or a hold requires; answers the report',
          description:
            'Kept data is minimised to what the law names and kept encrypted with its own deletion date. ' +
            'Asking again answers the same report with alreadyErased: true and changes nothing.',
          params: subjectParams,
          response: { 200: erasureReportSchema },
        },
      },
      async (request) => {
        const { controllerId, subjectId, register, actor } = await scope(request, 'customer.erase');
        return inTenant(db, controllerId, (tx) =>
          subjectControl(tx, register).erase(subjectId, { secretBox, cause: 'request', actor, now: new Date() }),
        );
      },
    );

    app.get(
      `${registerBase}/holds`,
      {
        schema: {
          tags: ['retention'],
          summary: "The register's holds in force (not released, date not passed), soonest to end first; recorded",
          params: registerParams,
          response: {
            200: z.object({
              count: z.number().int(),
              items: z.array(consoleHoldSchema.extend({ subjectId: z.string() })),
            }),
          },
        },
      },
      async (request) => {
        const { controllerId, registerId, actor } = await scope(request, 'retention.read');
        const LISTED = 1000;
        return inTenant(db, controllerId, async (tx) => {
          const inForce = tx
            .selectFrom('holds')
            .where('register_id', '=', registerId)
            .where('released_at', 'is', null)
            .where('until', '>=', todayInFinland());
          const [rows, total] = await Promise.all([
            inForce.selectAll().orderBy('until').orderBy('created_at').limit(LISTED).execute(),
            inForce.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
          ]);
          await appendEvents(tx, controllerId, actor, [
            { registerId, action: 'holds.listed', purpose: 'retention', fields: [] },
          ]);
          return { count: Number(total.n), items: await holdViews(tx, rows) };
        });
      },
    );

    app.get(
      `${registerBase}/retention/preview`,
      {
        schema: {
          tags: ['retention'],
          summary: "The next sweep's preview: a dry run as of now, which changes nothing but is stored with the others",
          params: registerParams,
          response: { 200: sweepReportSchema },
        },
      },
      async (request) => {
        const { controllerId, registerId, register, actor } = await scope(request, 'retention.read');
        const report = await sweepRegister(database, secretBox, register, {
          asOf: new Date(),
          dryRun: true,
          actor,
          record: false,
        });
        await inTenant(db, controllerId, (tx) =>
          appendEvents(tx, controllerId, actor, [
            { registerId, action: 'retention.previewed', purpose: 'retention', fields: [] },
          ]),
        );
        return report;
      },
    );

    app.get(
      `${registerBase}/retention/sweeps`,
      {
        schema: {
          tags: ['retention'],
          summary: 'Reports of past sweeps and previews, newest first; the look is recorded',
          params: registerParams,
          querystring: z
            .object({
              limit: z.coerce.number().int().min(1).max(100).default(20),
              dryRun: z.enum(['true', 'false']).optional(),
            })
            .strict(),
          response: { 200: z.object({ items: z.array(sweepSchema) }) },
        },
      },
      async (request) => {
        const { controllerId, registerId, actor } = await scope(request, 'retention.read');
        const { limit, dryRun } = request.query;
        return inTenant(db, controllerId, async (tx) => {
          const rows = await tx
            .selectFrom('retention_sweeps')
            .selectAll()
            .where('register_id', '=', registerId)
            .$if(dryRun !== undefined, (q) => q.where('dry_run', '=', dryRun === 'true'))
            .orderBy('started_at', 'desc')
            .orderBy('id')
            .limit(limit)
            .execute();
          await appendEvents(tx, controllerId, actor, [
            { registerId, action: 'retention.sweeps_viewed', purpose: 'retention', fields: [] },
          ]);
          return {
            items: rows.map((r) => {
              const report = r.report as SweepReport;
              return {
                id: r.id,
                dryRun: r.dry_run,
                asOf: new Date(r.as_of).toISOString(),
                startedAt: new Date(r.started_at).toISOString(),
                finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
                counts: countsOf(report),
                report,
              };
            }),
          };
        });
      },
    );
  };
}
