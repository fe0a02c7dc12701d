import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { inTenant } from '../../db/tenant.ts';
import { notFound } from '../../errors.ts';
import { pathId } from '../../http/ids.ts';
import { requirePermission } from '../../http/staff-auth.ts';
import { appendEvents } from '../audit/audit.service.ts';
import { registerService } from '../registers/register.service.ts';
import { normalizePhone } from '../../validation/index.ts';
import { toSubjectResponse } from './subject.mapper.ts';
import { presentFields } from './subject-fields.ts';

const registerParams = z.object({ controllerId: z.string(), registerId: z.string() });
const subjectParams = registerParams.extend({ subjectId: z.string() });

export function customerRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database, secretBox } = deps;
  const db = database.db;
  return async (app) => {
    app.get(
      '/api/v1/controllers/:controllerId/registers/:registerId/customers',
      {
        schema: {
          tags: ['subjects'],
          summary: 'Search customers by name prefix, email, phone or order number; keyset paging',
          params: registerParams,
          querystring: z
            .object({
              q: z.string().trim().max(200).optional(),
              after: z.string().uuid().optional(),
              limit: z.coerce.number().int().min(1).max(200).default(50),
            })
            .strict(),
        },
      },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const registerId = pathId(request.params.registerId, 'Register');
        const actor = await requirePermission(db, request, controllerId, 'customer.read');
        const { q, after, limit } = request.query;
        return inTenant(db, controllerId, async (tx) => {
          await registerService(tx).loadForController(controllerId, registerId);
          let query = tx
            .selectFrom('subjects')
            .select(['id', 'kind', 'first_name', 'last_name', 'email', 'phone', 'city', 'last_activity_at'])
            .where('register_id', '=', registerId);
          if (q) {
            const phone = /^[+\d][\d\s-]{5,}$/.test(q) ? normalizePhone(q) : null;
            if (q.includes('@')) query = query.where('email_key', '=', q.toLowerCase());
            else if (phone) query = query.where('phone', '=', phone);
            else {
              const words = q.toLowerCase().split(/\s+/).filter(Boolean);
              const like = (w: string) => `${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
              query = query.where((eb) =>
                eb.or([
                  words.length > 1
                    ? eb.and([
                        eb(sql`lower(first_name)`, 'like', like(words[0]!)),
                        eb(sql`lower(last_name)`, 'like', like(words.slice(1).join(' '))),
                      ])
                    : eb.or([
                        eb(sql`lower(last_name)`, 'like', like(words[0]!)),
                        eb(sql`lower(first_name)`, 'like', like(words[0]!)),
                      ]),
                  eb(
                    'id',
                    'in',
                    eb
                      .selectFrom('orders')
                      .select('subject_id')
                      .where('register_id', '=', registerId)
                      .where('order_ref', '=', q),
                  ),
                ]),
              );
            }
          }
          if (after) query = query.where('id', '>', after);
          const rows = await query
            .orderBy('id')
            .limit(limit + 1)
            .execute();
          const page = rows.slice(0, limit);
          await appendEvents(tx, controllerId, { type: 'staff', id: actor.staffId }, [
            {
              registerId,
              action: 'customers.searched',
              purpose: 'customer_service',
              fields: ['firstName', 'lastName', 'email', 'phone', 'address.city'],
            },
          ]);
          return {
            items: page.map((r) => ({
              id: r.id,
              kind: r.kind,
              firstName: r.first_name,
              lastName: r.last_name,
              email: r.email,
              phone: r.phone,
              city: r.city,
              lastActivityAt: new Date(r.last_activity_at).toISOString(),
            })),
            next: rows.length > limit ? page[page.length - 1]!.id : null,
          };
        });
      },
    );

    app.get(
      '/api/v1/controllers/:controllerId/registers/:registerId/customers/:subjectId',
      {
        schema: {
          tags: ['subjects'],
          summary: 'A customer with orders and processing events; the look is recorded',
          params: subjectParams,
          querystring: z.object({ purpose: z.string().trim().min(1).max(200).default('customer_service') }).strict(),
        },
      },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const registerId = pathId(request.params.registerId, 'Register');
        const subjectId = pathId(request.params.subjectId, 'Customer');
        const actor = await requirePermission(db, request, controllerId, 'customer.read');
        return inTenant(db, controllerId, async (tx) => {
          const subject = await tx
            .selectFrom('subjects')
            .selectAll()
            .where('id', '=', subjectId)
            .where('register_id', '=', registerId)
            .executeTakeFirst();
          if (!subject) throw notFound('Customer');
          await appendEvents(tx, controllerId, { type: 'staff', id: actor.staffId }, [
            {
              registerId,
              subjectId,
              action: 'customer.viewed',
              purpose: request.query.purpose,
              fields: presentFields(subject),
            },
          ]);
          const [orders, events] = await Promise.all([
            tx
              .selectFrom('orders')
              .selectAll()
              .where('subject_id', '=', subjectId)
              .orderBy('placed_at', 'desc')
              .limit(200)
              .execute(),
            tx
              .selectFrom('processing_events')
              .selectAll()
              .where('subject_id', '=', subjectId)
              .orderBy('seq', 'desc')
              .limit(200)
              .execute(),
          ]);
          return {
            customer: toSubjectResponse(subject),
            orders: orders.map((o) => ({
              id: o.id,
              orderId: o.order_ref,
              placedAt: new Date(o.placed_at).toISOString(),
              items: o.items,
              total: { amount: o.total_amount, currency: o.currency },
              paymentMethod: o.payment_method,
              invoiceState: o.invoice_state,
            })),
            events: events.map((e) => ({
              seq: Number(e.seq),
              at: new Date(e.at).toISOString(),
              actorType: e.actor_type,
              actorId: e.actor_id,
              action: e.action,
              purpose: e.purpose,
              fields: e.fields,
            })),
          };
        });
      },
    );

    app.post(
      '/api/v1/controllers/:controllerId/registers/:registerId/customers/:subjectId/reveal-identity-code',
      {
        schema: {
          tags: ['subjects'],
          summary: 'Show the full henkilötunnus once, with a recorded reason',
          params: subjectParams,
          body: z.object({ reason: z.string().trim().min(5).max(500) }).strict(),
        },
      },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const registerId = pathId(request.params.registerId, 'Register');
        const subjectId = pathId(request.params.subjectId, 'Customer');
        const actor = await requirePermission(db, request, controllerId, 'customer.reveal_identity_code');
        return inTenant(db, controllerId, async (tx) => {
          const subject = await tx
            .selectFrom('subjects')
            .select(['hetu_encrypted'])
            .where('id', '=', subjectId)
            .where('register_id', '=', registerId)
            .executeTakeFirst();
          if (!subject?.hetu_encrypted) throw notFound('Identity code');
          await appendEvents(tx, controllerId, { type: 'staff', id: actor.staffId }, [
            {
              registerId,
              subjectId,
              action: 'identity_code.revealed',
              purpose: request.body.reason,
              fields: ['personalIdentityCode'],
            },
          ]);
          return { personalIdentityCode: secretBox.decrypt(subject.hetu_encrypted) };
        });
      },
    );
  };
}
