import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTenant } from '../../db/tenant.ts';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { principalOf, requireApiKey } from '../../http/api-key-auth.ts';
import { pathId } from '../../http/ids.ts';
import { registerService } from '../registers/register.service.ts';
import { subjectResponseSchema } from './customer.schemas.ts';
import { subjectService } from './subject.service.ts';

/** What a shop reads a customer for: the order or checkout in hand. */
const PURPOSE = 'shop_integration';
const actorOf = (request: FastifyRequest) => ({ type: 'api_key' as const, id: principalOf(request).keyId });

export function subjectRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database } = deps;
  return async (app) => {
    const auth = requireApiKey(database.db);

    app.get(
      '/api/v1/registers/:registerId/subjects/:subjectId',
      {
        preHandler: auth,
        schema: {
          summary: 'Read a customer',
          tags: ['subjects'],
          security: [{ apiKey: [] }],
          params: z.object({ registerId: z.string(), subjectId: z.string() }),
          response: { 200: subjectResponseSchema },
        },
      },
      async (request) => {
        const { controllerId } = principalOf(request);
        const registerId = pathId(request.params.registerId, 'Register');
        const subjectId = pathId(request.params.subjectId, 'Subject');
        await registerService(database.db).assertOwned(controllerId, registerId);
        return inTenant(database.db, controllerId, (tx) =>
          subjectService(tx).get(controllerId, registerId, subjectId, actorOf(request), PURPOSE),
        );
      },
    );

    app.get(
      '/api/v1/registers/:registerId/subjects',
      {
        preHandler: auth,
        schema: {
          summary: 'Find a customer by email',
          tags: ['subjects'],
          security: [{ apiKey: [] }],
          params: z.object({ registerId: z.string() }),
          querystring: z.object({ email: z.string().trim().min(3).max(254) }).strict(),
          response: { 200: z.object({ items: z.array(subjectResponseSchema) }) },
        },
      },
      async (request) => {
        const { controllerId } = principalOf(request);
        const registerId = pathId(request.params.registerId, 'Register');
        await registerService(database.db).assertOwned(controllerId, registerId);
        const items = await inTenant(database.db, controllerId, (tx) =>
          subjectService(tx).findByEmail(controllerId, registerId, request.query.email, actorOf(request), PURPOSE),
        );
        return { items };
      },
    );
  };
}
