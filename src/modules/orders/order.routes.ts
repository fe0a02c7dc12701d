import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { DomainError } from '../../errors.ts';
import { principalOf, requireApiKey } from '../../http/api-key-auth.ts';
import { pathId } from '../../http/ids.ts';
import { orderCreatedSchema, orderInputSchema, type OrderCreated } from './order.schemas.ts';
import { forgetRegister, registerService } from '../registers/register.service.ts';
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
            'idempotency-key': z
              .string()
              .min(1)
              .max(255)
              .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
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
        const orders = orderService(database.db);
        const replayed = (answer: OrderCreated) => reply.code(201).header('idempotent-replayed', 'true').send(answer);

        // The common case needs one statement: the register as this process last saw it, checked
        // again by the write itself. A retried key is found by the unique violation it causes.
        let register = await registerService(database.db).lastSeenForController(controllerId, registerId);
        if (!register) {
          const context = await orders.prepare(controllerId, registerId, key, requestHash);
          if (context.replay) return replayed(context.replay);
          register = context.register;
        }
        for (let attempt = 0; attempt < 3; attempt++) {
          try {
            const created = await orders.ingest(request.body, {
              actor: { type: 'api_key', id: principalOf(request).keyId },
              register,
              idempotencyKey: key,
              requestHash,
              secretBox: deps.secretBox,
              allowTemporaryIdentityCodes: deps.config.env !== 'production',
            });
            if (created) return reply.code(201).send(created);
          } catch (e) {
            if (!isUniqueViolation(e, 'idempotency_keys_pkey') && !isUniqueViolation(e, 'orders_register_ref_key'))
              throw e;
            const again = await orders.prepare(controllerId, registerId, key, requestHash);
            if (again.replay) return replayed(again.replay);
            throw new DomainError(
              'order_exists',
              `Order ${request.body.orderId} already exists in this register under another Idempotency-Key`,
            );
          }
          // The description changed (or the register went away): read it again and re-validate.
          forgetRegister(registerId);
          const context = await orders.prepare(controllerId, registerId, key, requestHash);
          if (context.replay) return replayed(context.replay);
          register = context.register;
        }
        throw new DomainError('unavailable', 'The register description is changing; retry the request');
      },
    );
  };
}

function isUniqueViolation(e: unknown, constraint: string): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  return err?.code === '23505' && (err.constraint === constraint || (err.message ?? '').includes(constraint));
}
