import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { NewSubject, OrderItem } from '../../db/schema.ts';
import { subjectRepository } from '../subjects/subject.repository.ts';

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

    /**
     * Customer, order and idempotency record in one statement, so that it is atomic without a
     * transaction round trip: an existing orderId or a concurrent use of the key makes the whole
     * statement fail with a unique violation and nothing is written. It writes only while the
     * register is still the controller's and still at the description version the order was
     * validated against; otherwise it writes nothing and answers null.
     */
    async insertWithCustomer(
      subject: NewSubject,
      order: NewOrder,
      idempotency: { key: string; requestHash: string },
      descriptionVersion: number,
    ): Promise<{ orderId: string; subjectId: string } | null> {
      const upsert = subjectRepository(db).upsertByEmailGuardedQuery(subject);
      const result = await db
        .with('guard', (qb) =>
          qb
            .selectFrom('registers')
            .select('id')
            .where('id', '=', subject.register_id)
            .where('controller_id', '=', subject.controller_id)
            .where('current_version', '=', descriptionVersion),
        )
        .with('s', () => upsert)
        .with('o', (qb) =>
          qb
            .insertInto('orders')
            .columns([
              'controller_id', 'register_id', 'subject_id', 'order_ref', 'placed_at', 'items', 'total_amount', 'currency',
              'payment_method', 'invoice_state', 'source_page', 'ip', 'terms_accepted', 'marketing_opt_in',
            ])
            .expression((eb) =>
              eb
                .selectFrom('s')
                .select([
                  sql<string>`${subject.controller_id}::uuid`.as('controller_id'),
                  sql<string>`${subject.register_id}::uuid`.as('register_id'),
                  's.id as subject_id',
                  sql<string>`${order.order_ref}`.as('order_ref'),
                  sql<string>`${order.placed_at}::timestamptz`.as('placed_at'),
                  sql<string>`${JSON.stringify(order.items)}::jsonb`.as('items'),
                  sql<string>`${order.total_amount}::numeric`.as('total_amount'),
                  sql<string>`${order.currency}`.as('currency'),
                  sql<string>`${order.payment_method}`.as('payment_method'),
                  sql<string | null>`${order.invoice_state}`.as('invoice_state'),
                  sql<string | null>`${order.source_page}`.as('source_page'),
                  sql<string | null>`${order.ip}::inet`.as('ip'),
                  sql<boolean | null>`${order.terms_accepted}::boolean`.as('terms_accepted'),
                  sql<string | null>`${order.marketing_opt_in === null ? null : JSON.stringify(order.marketing_opt_in)}::jsonb`.as('marketing_opt_in'),
                ]),
            )
            .returning(['id', 'subject_id']),
        )
        .with('k', (qb) =>
          qb
            .insertInto('idempotency_keys')
            .columns(['controller_id', 'register_id', 'key', 'request_hash', 'status_code', 'response'])
            .expression((eb) =>
              eb
                .selectFrom('o')
                .select([
                  sql<string>`${subject.controller_id}::uuid`.as('controller_id'),
                  sql<string>`${subject.register_id}::uuid`.as('register_id'),
                  sql<string>`${idempotency.key}`.as('key'),
                  sql<string>`${idempotency.requestHash}`.as('request_hash'),
                  sql<number>`201`.as('status_code'),
                  sql<string>`jsonb_build_object('orderId', ${order.order_ref}::text, 'subjectId', o.subject_id)`.as('response'),
                ]),
            )
            .returning('key'),
        )
        .selectFrom('o')
        .innerJoin('k', (join) => join.onTrue())
        .select(['o.id', 'o.subject_id'])
        .executeTakeFirst();
      return result ? { orderId: result.id, subjectId: result.subject_id } : null;
    },
  };
}
