import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { DomainError } from '../../errors.ts';
import { principalOf, requireApiKey } from '../../http/api-key-auth.ts';
import { pathId } from '../../http/ids.ts';
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
        const key = request.headers['idempotency-key'];
        const requestHash = hashRequest(request.body);
        const replay = () => orderService(database.db).prepare(controllerId, registerId, key, requestHash);
        const { register, replay: earlier } = await replay();
        if (earlier) return reply.code(201).header('idempotent-replayed', 'true').send(earlier);
        try {
          const created = await orderService(database.db).ingest(request.body, {
            register,
            idempotencyKey: key,
            requestHash,
            secretBox: deps.secretBox,
            allowTemporaryIdentityCodes: deps.config.env !== 'production',
          });
          return reply.code(201).send(created);
        } catch (e) {
          if (!isUniqueViolation(e, 'idempotency_keys_pkey') && !isUniqueViolation(e, 'orders_register_ref_key')) throw e;
          // A concurrent request with the same key committed first: answer as it did.
          const again = await replay();
          if (again.replay) return reply.code(201).header('idempotent-replayed', 'true').send(again.replay);
          throw new DomainError('order_exists', `Order ${request.body.orderId} already exists in this register under another Idempotency-Key`);
        }
      },
    );
  };
}

function isUniqueViolation(e: unknown, constraint: string): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  return err?.code === '23505' && (err.constraint === constraint || (err.message ?? '').includes(constraint));
}
