import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { inTenant } from '../../db/tenant.ts';
import { DomainError, notFound } from '../../errors.ts';
import { pathId } from '../../http/ids.ts';
import { requirePermission, requireSession } from '../../http/staff-auth.ts';
import { appendEvents } from '../audit/audit.service.ts';
import { registerDescriptionSchema } from './description.schema.ts';
import { registerService } from './register.service.ts';

const params = z.object({ controllerId: z.string() });
const registerParams = z.object({ controllerId: z.string(), registerId: z.string() });
const descriptionBody = z.object({ description: z.unknown() }).strict();

export function registerConsoleRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database } = deps;
  const db = database.db;
  return async (app) => {
    app.post(
      '/api/v1/descriptions/validate',
      { schema: { tags: ['registers'], summary: 'Validate a description without saving it', body: descriptionBody } },
      async (request) => {
        requireSession(request);
        const parsed = registerDescriptionSchema.safeParse(request.body.description);
        return {
          valid: parsed.success,
          errors: parsed.success
            ? []
            : parsed.error.issues.map((i) => ({
                field: i.path.map(String).join('.') || '(description)',
                code: i.code,
                message: i.message,
              })),
        };
      },
    );

    app.get(
      '/api/v1/controllers/:controllerId/registers',
      { schema: { tags: ['registers'], params } },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        await requirePermission(db, request, controllerId, 'register.read');
        return inTenant(db, controllerId, async (tx) => {
          const rows = await tx
            .selectFrom('registers as r')
            .select([
              'r.id',
              'r.name',
              'r.current_version',
              'r.created_at',
              sql<number>`(SELECT count(*) FROM subjects s WHERE s.register_id = r.id)`.as('customers'),
            ])
            .where('r.controller_id', '=', controllerId)
            .orderBy('r.created_at')
            .execute();
          return {
            items: rows.map((r) => ({
              id: r.id,
              name: r.name,
              currentVersion: r.current_version,
              createdAt: r.created_at.toISOString(),
              customers: Number(r.customers),
            })),
          };
        });
      },
    );

    app.post(
      '/api/v1/controllers/:controllerId/registers',
      { schema: { tags: ['registers'], params, body: descriptionBody } },
      async (request, reply) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const actor = await requirePermission(db, request, controllerId, 'register.write');
        const register = await inTenant(db, controllerId, async (tx) => {
          const r = await registerService(tx).create(controllerId, request.body.description);
          await appendEvents(tx, controllerId, { type: 'staff', id: actor.staffId }, [
            { registerId: r.id, action: 'register.created', purpose: 'register_administration' },
          ]);
          return r;
        });
        return reply.code(201).send({ id: register.id, name: register.name, currentVersion: register.current_version });
      },
    );

    app.get(
      '/api/v1/controllers/:controllerId/registers/:registerId/descriptions',
      { schema: { tags: ['registers'], params: registerParams } },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const registerId = pathId(request.params.registerId, 'Register');
        await requirePermission(db, request, controllerId, 'register.read');
        return inTenant(db, controllerId, async (tx) => {
          await registerService(tx).loadForController(controllerId, registerId);
          const rows = await registerService(tx).listVersions(registerId);
          return { items: rows.map((r) => ({ version: r.version, createdAt: r.created_at.toISOString() })) };
        });
      },
    );

    app.get(
      '/api/v1/controllers/:controllerId/registers/:registerId/descriptions/:version',
      { schema: { tags: ['registers'], params: registerParams.extend({ version: z.coerce.number().int().min(1) }) } },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const registerId = pathId(request.params.registerId, 'Register');
        await requirePermission(db, request, controllerId, 'register.read');
        return inTenant(db, controllerId, async (tx) => {
          await registerService(tx).loadForController(controllerId, registerId);
          const stored = await registerService(tx).getVersion(registerId, request.params.version);
          if (!stored) throw notFound('Description version');
          return { version: stored.version, createdAt: stored.created_at.toISOString(), document: stored.document };
        });
      },
    );

    app.post(
      '/api/v1/controllers/:controllerId/registers/:registerId/descriptions',
      { schema: { tags: ['registers'], params: registerParams, body: descriptionBody } },
      async (request, reply) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const registerId = pathId(request.params.registerId, 'Register');
        const actor = await requirePermission(db, request, controllerId, 'register.write');
        const result = await inTenant(db, controllerId, async (tx) => {
          const r = await registerService(tx).publishVersion(controllerId, registerId, request.body.description);
          await appendEvents(tx, controllerId, { type: 'staff', id: actor.staffId }, [
            { registerId, action: 'description.published', purpose: 'register_administration' },
          ]);
          return r;
        });
        if (!result) throw new DomainError('internal');
        return reply.code(201).send(result);
      },
    );
  };
}
