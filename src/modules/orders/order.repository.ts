import type { Tx } from '../../db/database.ts';
import type { OrderItem } from '../../db/schema.ts';

export interface NewOrder {
  order_ref: string;
  placed_at: string;
  items: OrderItem[];
  total_amount: string;
  currency: string;
  payment_method: string;
  invoice_state: string | null;
  source_page: string | null;
  ip: string | null;
  terms_accepted: boolean | null;
  marketing_opt_in: { email?: boolean; sms?: boolean } | null;
}

export function orderRepository(db: Tx) {
  return {
    /**
     * The register (if the controller has it) and any earlier answer for this Idempotency-Key, in
     * one round trip: this runs before every order a shop sends.
     */
    ingestContext(controllerId: string, registerId: string, key: string) {
      return db
        .selectFrom('registers as r')
        .leftJoin('idempotency_keys as i', (join) => join.onRef('i.register_id', '=', 'r.id').on('i.key', '=', key))
        .select(['r.id', 'r.controller_id', 'r.name', 'r.current_version', 'i.request_hash', 'i.response'])
        .where('r.id', '=', registerId)
        .where('r.controller_id', '=', controllerId)
        .executeTakeFirst();
    },
  };
}
