import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { inTenant } from '../../db/tenant.ts';
import { principalOf, requireApiKey } from '../../http/api-key-auth.ts';
import { pathId } from '../../http/ids.ts';
import { registerService } from '../registers/register.service.ts';
import { HOLD_KINDS, subjectControl } from './subject-control.service.ts';

export const holdSchema = z.object({
  id: z.string(),
  kind: z.enum(HOLD_KINDS),
  reason: z.string(),
  until: z.string(),
  orderId: z.string().nullable(),
  setBy: z.object({ type: z.string(), id: z.string().nullable() }),
  createdAt: z.string(),
  releasedAt: z.string().nullable(),
});

export const holdBodySchema = z
  .object({
    kind: z.enum(HOLD_KINDS),
    reason: z.string().trim().min(3).max(500),
    until: z.iso.date(),
    orderId: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export const erasureReportSchema = z.object({
  subjectId: z.string(),
  deleted: z.array(z.string()),
  kept: z.array(z.object({ field: z.string(), reason: z.string(), until: z.string() })),
  anonymised: z.array(z.string()),
  orders: z.object({
    deleted: z.number().int(),
    kept: z.array(z.object({ orderId: z.string(), reason: z.string(), until: z.string() })),
  }),
  erasedAt: z.string(),
  cause: z.enum(['request', 'retention']),
  alreadyErased: z.boolean(),
});

const subjectParams = z.object({ registerId: z.string(), subjectId: z.string() });
const actorOf = (request: FastifyRequest) => ({ type: 'api_key' as const, id: principalOf(request).keyId });

export function retentionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database, secretBox } = deps;
  const db = database.db;
  return async (app) => {
    const auth = requireApiKey(db);
    const scope = async (request: FastifyRequest<{ Params: { registerId: string; subjectId: string } }>) => {
      const { controllerId } = principalOf(request);
      const registerId = pathId(request.params.registerId, 'Register');
      const subjectId = pathId(request.params.subjectId, 'Subject');
      const register = await registerService(db).loadForController(controllerId, registerId);
      return { controllerId, register, subjectId };
    };

    app.get(
      '/api/v1/registers/:registerId/subjects/:subjectId/holds',
      {
        preHandler: auth,
        schema: {
          summary: "A customer's legal holds, released ones too",
          tags: ['retention'],
          security: [{ apiKey: [] }],
          params: subjectParams,
          response: { 200: z.object({ items: z.array(holdSchema) }) },
        },
      },
      async (request) => {
        const { controllerId, register, subjectId } = await scope(request);
        const items = await inTenant(db, controllerId, (tx) => subjectControl(tx, register).listHolds(subjectId));
        return { items };
      },
    );

    app.post(
      '/api/v1/registers/:registerId/subjects/:subjectId/holds',
      {
        preHandler: auth,
        schema: {
          summary:
            'Put a legal hold on a customer (or one order): its data is kept past erasure and sweeps until the date',
          tags: ['retention'],
          security: [{ apiKey: [] }],
          params: subjectParams,
          body: holdBodySchema,
          response: { 201: holdSchema },
        },
      },
      async (request, reply) => {
        const { controllerId, register, subjectId } = await scope(request);
        const hold = await inTenant(db, controllerId, (tx) =>
          subjectControl(tx, register).addHold(subjectId, request.body, actorOf(request)),
        );
        return reply.code(201).send(hold);
      },
    );

    app.delete(
      '/api/v1/registers/:registerId/subjects/:subjectId/holds/:holdId',
      {
        preHandler: auth,
        schema: {
          summary: 'Release a hold (the invoice is paid, the claim settled); the release is recorded',
          tags: ['retention'],
          security: [{ apiKey: [] }],
          params: subjectParams.extend({ holdId: z.string() }),
          response: { 200: holdSchema },
        },
      },
      async (request) => {
        const { controllerId, register, subjectId } = await scope(request);
        const holdId = pathId(request.params.holdId, 'Hold');
        return inTenant(db, controllerId, (tx) =>
          subjectControl(tx, register).releaseHold(subjectId, holdId, actorOf(request)),
        );
      },
    );

    app.post(
      '/api/v1/registers/:registerId/subjects/:subjectId/erasure',
      {
        preHandler: auth,
        schema: {
          summary: 'Erase a customer: everything goes but what a law or a hold requires; answers the report',
          description:
            'Kept data is minimised to what the law names and kept encrypted with its own deletion date. ' +
            'Asking again answers the same report with alreadyErased: true and changes nothing.',
          tags: ['retention'],
          security: [{ apiKey: [] }],
          params: subjectParams,
          response: { 200: erasureReportSchema },
        },
      },
      async (request) => {
        const { controllerId, register, subjectId } = await scope(request);
        return inTenant(db, controllerId, (tx) =>
          subjectControl(tx, register).erase(subjectId, {
            secretBox,
            cause: 'request',
            actor: actorOf(request),
            now: new Date(),
          }),
        );
      },
    );

    app.put(
      '/api/v1/registers/:registerId/subjects/:subjectId/restriction',
      {
        preHandler: auth,
        schema: {
          summary: 'Restrict processing (GDPR 18) or lift the restriction',
          description:
            'While restricted the data is only stored: contact checks, marketing lists and order enrichment refuse it.',
          tags: ['retention'],
          security: [{ apiKey: [] }],
          params: subjectParams,
          body: z.object({ restricted: z.boolean(), reason: z.string().trim().min(3).max(500).optional() }).strict(),
          response: { 200: z.object({ restricted: z.boolean(), changed: z.boolean() }) },
        },
      },
      async (request) => {
        const { controllerId, register, subjectId } = await scope(request);
        return inTenant(db, controllerId, (tx) =>
          subjectControl(tx, register).setRestriction(
            subjectId,
            request.body.restricted,
            request.body.reason ?? null,
            actorOf(request),
          ),
        );
      },
    );
  };
}
