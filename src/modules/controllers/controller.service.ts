import { z } from 'zod';
import { invalid, notFound } from '../../errors.ts';
import type { Tx } from '../../db/database.ts';
import { GENESIS_HASH } from '../audit/audit-chain.ts';
import { isValidBusinessId, normalizeBusinessId } from '../../validation/index.ts';

export const newControllerSchema = z
  .object({
    name: z.string().trim().min(1).max(300),
    businessId: z.string().trim().min(1).max(12),
  })
  .strict();

export type NewController = z.infer<typeof newControllerSchema>;

export function controllerService(db: Tx) {
  return {
    async create(input: NewController) {
      const businessId = normalizeBusinessId(input.businessId);
      if (!businessId || !isValidBusinessId(businessId)) {
        throw invalid([
          { field: 'businessId', code: 'invalid_business_id', message: 'is not a valid Y-tunnus (check digit)' },
        ]);
      }
      return db
        .insertInto('controllers')
        .values({ name: input.name, business_id: businessId })
        .returning(['id', 'name', 'business_id', 'created_at'])
        .executeTakeFirstOrThrow()
        .then(async (c) => {
          await db.insertInto('audit_heads').values({ controller_id: c.id, seq: 0, hash: GENESIS_HASH }).execute();
          return c;
        });
    },
    async get(id: string) {
      const row = await db.selectFrom('controllers').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('Controller');
      return row;
    },
    async listByIds(ids: string[]) {
      if (ids.length === 0) return [];
      return db.selectFrom('controllers').selectAll().where('id', 'in', ids).orderBy('name').execute();
    },
    async list() {
      return db.selectFrom('controllers').selectAll().orderBy('created_at').execute();
    },
  };
}
