import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { notFound } from '../../errors.ts';
import { principalOf, requireApiKey } from '../../http/api-key-auth.ts';
import { pathId } from '../../http/ids.ts';
import { FIELD_CATALOGUE } from './field-catalogue.ts';
import { registerService } from './register.service.ts';
import { inTenant } from '../../db/tenant.ts';
import { appendEvents } from '../audit/audit.service.ts';

const registerSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  currentVersion: z.number().int(),
  createdAt: z.string(),
});

export function registerRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database } = deps;
  return async (app) => {
    const auth = requireApiKey(database.db);

    app.get(
      '/api/v1/field-catalogue',
      {
        schema: {
          summary: 'Every field a register description may declare, with its fideslang category',
          tags: ['registers'],
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  key: z.string(),
                  category: z.string(),
                  appliesTo: z.string(),
                  label: z.object({ fi: z.string(), sv: z.string().optional(), en: z.string().optional() }),
                }),
              ),
            }),
          },
        },
      },
      async () => ({ items: Object.values(FIELD_CATALOGUE) }),
    );

    app.get(
      '/api/v1/registers',
      {
        preHandler: auth,
        schema: {
          summary: "The API key's controller's registers",
          tags: ['registers'],
          security: [{ apiKey: [] }],
          response: { 200: z.object({ items: z.array(registerSummary) }) },
        },
      },
      async (request) => {
        const rows = await registerService(database.db).list(principalOf(request).controllerId);
        return {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            currentVersion: r.current_version,
            createdAt: r.created_at.toISOString(),
          })),
        };
      },
    );

    app.get(
      '/api/v1/registers/:registerId/description',
      {
        preHandler: auth,
        schema: {
          summary: 'The current register description (or ?version=N)',
          tags: ['registers'],
          security: [{ apiKey: [] }],
          params: z.object({ registerId: z.string() }),
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }).strict(),
          response: {
            200: z.object({
              registerId: z.uuid(),
              version: z.number().int(),
              createdAt: z.string(),
              document: z.unknown(),
            }),
          },
        },
      },
      async (request) => {
        const service = registerService(database.db);
        const registerId = pathId(request.params.registerId, 'Register');
        const register = await service.loadForController(principalOf(request).controllerId, registerId);
        const version = request.query.version ?? register.version;
        const stored = await service.getVersion(registerId, version);
        if (!stored) throw notFound('Register description version');
        return { registerId, version, createdAt: stored.created_at.toISOString(), document: stored.document };
      },
    );

    app.post(
      '/api/v1/registers/:registerId/description',
      {
        preHandler: auth,
        schema: {
          summary: 'Publish a new version of the register description',
          description:
            'The whole description is validated; every problem is named. Earlier versions stay as they were.',
          tags: ['registers'],
          security: [{ apiKey: [] }],
          params: z.object({ registerId: z.string() }),
          body: z.record(z.string(), z.unknown()),
          response: { 201: z.object({ registerId: z.uuid(), version: z.number().int() }) },
        },
      },
      async (request, reply) => {
        const registerId = pathId(request.params.registerId, 'Register');
        const { controllerId, keyId } = principalOf(request);
        const result = await inTenant(database.db, controllerId, async (tx) => {
          const published = await registerService(tx).publishVersion(controllerId, registerId, request.body);
          await appendEvents(tx, controllerId, { type: 'api_key', id: keyId }, [
            { registerId, action: 'description.published', purpose: 'register_administration' },
          ]);
          return published;
        });
        return reply.code(201).send(result);
      },
    );
  };
}
