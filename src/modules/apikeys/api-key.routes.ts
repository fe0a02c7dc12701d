import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { inTenant } from '../../db/tenant.ts';
import { pathId } from '../../http/ids.ts';
import { requirePermission } from '../../http/staff-auth.ts';
import { appendEvents } from '../audit/audit.service.ts';
import { apiKeyService } from './api-key.service.ts';

const params = z.object({ controllerId: z.string() });

export function apiKeyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database } = deps;
  const db = database.db;
  return async (app) => {
    app.get(
      '/api/v1/controllers/:controllerId/api-keys',
      { schema: { tags: ['api keys'], params } },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        await requirePermission(db, request, controllerId, 'apikey.read');
        const rows = await inTenant(db, controllerId, (tx) => apiKeyService(tx).list(controllerId));
        return {
          items: rows.map((k) => ({
            id: k.id,
            name: k.name,
            prefix: k.prefix,
            createdAt: k.created_at.toISOString(),
            revokedAt: k.revoked_at ? new Date(k.revoked_at).toISOString() : null,
          })),
        };
      },
    );

    app.post(
      '/api/v1/controllers/:controllerId/api-keys',
      { schema: { tags: ['api keys'], params, body: z.object({ name: z.string().trim().min(1).max(100) }).strict() } },
      async (request, reply) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const actor = await requirePermission(db, request, controllerId, 'apikey.write');
        const key = await inTenant(db, controllerId, async (tx) => {
          const k = await apiKeyService(tx).create(controllerId, request.body.name);
          await appendEvents(tx, controllerId, { type: 'staff', id: actor.staffId }, [
            { action: 'api_key.created', purpose: 'integration_administration' },
          ]);
          return k;
        });
        return reply.code(201).send({ id: key.id, prefix: key.prefix, key: key.key });
      },
    );

    app.delete(
      '/api/v1/controllers/:controllerId/api-keys/:keyId',
      { schema: { tags: ['api keys'], params: params.extend({ keyId: z.string() }) } },
      async (request, reply) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const keyId = pathId(request.params.keyId, 'API key');
        const actor = await requirePermission(db, request, controllerId, 'apikey.write');
        await inTenant(db, controllerId, async (tx) => {
          await apiKeyService(tx).revoke(controllerId, keyId);
          await appendEvents(tx, controllerId, { type: 'staff', id: actor.staffId }, [
            { action: 'api_key.revoked', purpose: 'integration_administration' },
          ]);
        });
        return reply.code(204).send();
      },
    );
  };
}
