import type { Kysely } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';

export function portalRepository(db: Kysely<DB> | Tx) {
  return {
    /**
     * The controllers holding a non-erased customer with this address, in any register. The one
     * read made outside a controller's row-level security (see docs/portal.md): it returns ids only.
     */
    async controllersHolding(emailKey: string): Promise<string[]> {
      const rows = await db
        .selectFrom('subjects')
        .select('controller_id')
        .distinct()
        .where('email_key', '=', emailKey)
        .where('erased_at', 'is', null)
        .execute();
      return rows.map((r) => r.controller_id).sort();
    },

    controller(controllerId: string) {
      return db
        .selectFrom('controllers')
        .select(['id', 'name', 'business_id', 'contact'])
        .where('id', '=', controllerId)
        .executeTakeFirst();
    },

    /** The controller's customers with the address (row-level security limits it to the tenant). */
    subjects(emailKey: string) {
      return db
        .selectFrom('subjects')
        .selectAll()
        .where('email_key', '=', emailKey)
        .where('erased_at', 'is', null)
        .orderBy('register_id')
        .orderBy('id')
        .execute();
    },

    ownSubject(emailKey: string, registerId: string, subjectId: string) {
      return db
        .selectFrom('subjects')
        .select(['id'])
        .where('id', '=', subjectId)
        .where('register_id', '=', registerId)
        .where('email_key', '=', emailKey)
        .where('erased_at', 'is', null)
        .executeTakeFirst();
    },

    orders(subjectId: string) {
      return db
        .selectFrom('orders')
        .select(['order_ref', 'placed_at', 'items', 'total_amount', 'currency', 'payment_method'])
        .where('subject_id', '=', subjectId)
        .orderBy('placed_at', 'desc')
        .execute();
    },

    events(subjectId: string, limit: number) {
      return db
        .selectFrom('processing_events')
        .select(['at', 'actor_type', 'action', 'purpose', 'fields', 'seq'])
        .where('subject_id', '=', subjectId)
        .orderBy('at', 'desc')
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
    },
  };
}
