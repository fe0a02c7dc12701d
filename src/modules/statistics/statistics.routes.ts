import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { inTenant } from '../../db/tenant.ts';
import { pathId } from '../../http/ids.ts';
import { requirePermission } from '../../http/staff-auth.ts';
import { appendEvents } from '../audit/audit.service.ts';
import { registerService } from '../registers/register.service.ts';
import { K_ANONYMITY, registerStatistics } from './statistics.service.ts';

const registerParams = z.object({ controllerId: z.string(), registerId: z.string() });

const month = z.string().describe('YYYY-MM, in Finnish time');
const area = z.string().nullable().describe('First three digits of a Finnish postal code; null: unknown or abroad');
const hidden = z.object({ suppressed: z.literal(true) });
const customers = <T extends z.ZodRawShape>(keys: T) =>
  z.array(z.union([z.object({ ...keys, customers: z.number().int() }), z.object({ ...keys, ...hidden.shape })]));
const orders = <T extends z.ZodRawShape>(keys: T) =>
  z.array(
    z.union([
      z.object({ ...keys, currency: z.string(), orders: z.number().int(), total: z.string() }),
      z.object({ ...keys, currency: z.string(), ...hidden.shape }),
    ]),
  );

/** The answer lists every field that may leave: counts and sums, never a person. */
const statisticsSchema = z.object({
  k: z.number().int(),
  customers: z.object({
    byMonth: customers({ month }),
    byArea: customers({ area }),
    byMonthAndArea: customers({ month, area }),
  }),
  orders: z.object({
    byMonth: orders({ month }),
    byArea: orders({ area }),
    byMonthAndArea: orders({ month, area }),
  }),
});

export function statisticsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const db = deps.database.db;
  return async (app) => {
    app.get(
      '/api/v1/controllers/:controllerId/registers/:registerId/statistics',
      {
        schema: {
          tags: ['statistics'],
          summary: 'Customers and orders by month and postal area, without personal data; the request is recorded',
          description:
            `A group of fewer than ${K_ANONYMITY} distinct customers is answered as { suppressed: true }, and so are ` +
            'as many others as it takes that no hidden figure can be worked out from the totals (docs/statistics.md). ' +
            'Customer figures count customers not erased, by the month they were first seen; order figures count ' +
            'orders by the month they were placed, per currency.',
          params: registerParams,
          response: { 200: statisticsSchema },
        },
      },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const registerId = pathId(request.params.registerId, 'Register');
        const actor = await requirePermission(db, request, controllerId, 'statistics.read');
        await registerService(db).loadForController(controllerId, registerId);
        return inTenant(db, controllerId, async (tx) => {
          const statistics = await registerStatistics(tx, registerId);
          await appendEvents(tx, controllerId, { type: 'staff', id: actor.staffId }, [
            {
              registerId,
              subjectId: null,
              action: 'statistics.viewed',
              purpose: 'statistics',
              fields: ['address.postalCode', 'address.country', 'orders'],
            },
          ]);
          return statistics;
        });
      },
    );
  };
}
