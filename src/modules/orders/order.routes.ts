import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { DomainError } from '../../errors.ts';
import { principalOf, requireApiKey } from '../../http/api-key-auth.ts';
import { pathId } from '../../http/ids.ts';
import { registerService } from '../registers/register.service.ts';
import { orderCreatedSchema, orderInputSchema } from './order.schemas.ts';
import { hashRequest, orderService } from './order.service.ts';

export function orderRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database } = deps;
  return async (app) => {
    app.post(
      '/api/v1/registers/:registerId/orders',
      {
        preHandler: requireApiKey(database.db),
        schema: {
          summary: 'Ingest an order (idempotent)',
          description:
            'Finds or creates the customer in the register by email and stores the order. Send the same Idempotency-Key to retry safely: the same body answers the same result, another body answers 409.',
          tags: ['orders'],
          security: [{ apiKey: [] }],
          params: z.object({ registerId: z.string() }),
          headers: z.object({
            'idempotency-key': z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
          }),
          body: orderInputSchema,
          response: { 201: orderCreatedSchema, 200: orderCreatedSchema },
        },
      },
      async (request, reply) => {
        const { controllerId } = principalOf(request);
        const registerId = pathId(request.params.registerId, 'Register');
        const register = await registerService(database.db).loadForController(controllerId, registerId);
        const key = request.headers['idempotency-key'];
        const requestHash = hashRequest(request.body);
        const ctx = {
          register,
          idempotencyKey: key,
          requestHash,
          secretBox: deps.secretBox,
          allowTemporaryIdentityCodes: deps.config.env !== 'production',
        };
        const replayed = await orderService(database.db).replay(registerId, key, requestHash);
        if (replayed) return reply.code(201).header('idempotent-replayed', 'true').send(replayed);
        try {
          const created = await database.db.transaction().execute((tx) => orderService(tx).ingest(request.body, ctx));
          return reply.code(201).send(created);
        } catch (e) {
          // A concurrent request with the same key committed first (its order or its key row won
          // the race): answer as it did.
          if (isUniqueViolation(e, 'idempotency_keys_pkey') || (e instanceof DomainError && e.code === 'order_exists')) {
            const again = await orderService(database.db).replay(registerId, key, requestHash);
            if (again) return reply.code(201).header('idempotent-replayed', 'true').send(again);
          }
          if (isUniqueViolation(e, 'orders_register_ref_key')) throw new DomainError('order_exists');
          throw e;
        }
      },
    );
  };
}

function isUniqueViolation(e: unknown, constraint: string): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  return err?.code === '23505' && (err.constraint === constraint || (err.message ?? '').includes(constraint));
}
