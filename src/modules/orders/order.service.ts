import { createHash } from 'node:crypto';
import { DomainError, invalid, type FieldProblem } from '../../errors.ts';
import type { Tx } from '../../db/database.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import type { LoadedRegister } from '../registers/register.service.ts';
import { normalizeCustomer } from '../subjects/customer-input.ts';
import { subjectRepository } from '../subjects/subject.repository.ts';
import { containsPaymentCardNumber } from '../../validation/index.ts';
import type { OrderCreated, OrderInput } from './order.schemas.ts';

export interface IngestContext {
  register: LoadedRegister;
  idempotencyKey: string;
  /** Hash of the request body as received, to tell a retry from a different request. */
  requestHash: string;
  secretBox: SecretBox;
  allowTemporaryIdentityCodes: boolean;
}

export function hashRequest(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function orderService(db: Tx) {
  return {
    /** A stored answer for this key, or a conflict if the key came with another body. */
    async replay(registerId: string, key: string, requestHash: string): Promise<OrderCreated | null> {
      const row = await db
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'response'])
        .where('register_id', '=', registerId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) return null;
      if (row.request_hash !== requestHash) throw new DomainError('idempotency_conflict');
      return row.response as OrderCreated;
    },

    /** Validates everything first, then writes subject, order and idempotency record; call inside a transaction. */
    async ingest(input: OrderInput, ctx: IngestContext): Promise<OrderCreated> {
      const { register } = ctx;
      const declared = register.declared;
      const problems: FieldProblem[] = [];
      const undeclared = (field: string, key: string) =>
        problems.push({ field, code: 'undeclared', message: `the register description does not declare ${key}` });

      if (!declared.has('orders')) undeclared('items', 'orders');
      const customer = normalizeCustomer(input.customer, {
        declared,
        creditPurchase: input.payment.method === 'invoice',
        allowTemporaryIdentityCodes: ctx.allowTemporaryIdentityCodes,
        prefix: 'customer',
      });
      problems.push(...customer.problems);
      if (!input.customer.email?.trim()) {
        problems.push({ field: 'customer.email', code: 'required', message: 'is required: orders find their customer by email' });
      }
      const sourcePage = input.sourcePage?.trim() || null;
      if (sourcePage !== null && !declared.has('sourcePage')) undeclared('sourcePage', 'sourcePage');
      if (input.ip && !declared.has('ip')) undeclared('ip', 'ip');
      if (input.termsAccepted != null && !declared.has('termsAcceptance')) undeclared('termsAccepted', 'termsAcceptance');
      const optIn = input.marketingOptIn;
      if (optIn && (optIn.email != null || optIn.sms != null) && !declared.has('marketingPermissions')) {
        undeclared('marketingOptIn', 'marketingPermissions');
      }
      input.items.forEach((item, i) => {
        if (containsPaymentCardNumber(item.name)) {
          problems.push({ field: `items.${i}.name`, code: 'payment_card_number', message: 'looks like a payment card number; card numbers are never stored' });
        }
      });
      if (problems.length > 0 || !customer.value) {
        const onlyUndeclared = problems.every((p) => p.code === 'undeclared');
        throw invalid(problems, onlyUndeclared ? 'undeclared_field' : 'validation_failed');
      }

      const c = customer.value;
      const hetu = c.personalIdentityCode;
      const subjects = subjectRepository(db);
      const subject = await subjects.upsertByEmail({
        ...c.columns,
        controller_id: register.controllerId,
        register_id: register.id,
        ip: input.ip ?? null,
        source_page: sourcePage,
        hetu_encrypted: hetu ? ctx.secretBox.encrypt(hetu) : null,
        hetu_lookup: hetu ? ctx.secretBox.lookupHash(hetu) : null,
        source: 'order',
        last_activity_at: new Date(input.placedAt),
      });

      const inserted = await db
        .insertInto('orders')
        .values({
          controller_id: register.controllerId,
          register_id: register.id,
          subject_id: subject.id,
          order_ref: input.orderId,
          placed_at: input.placedAt,
          items: JSON.stringify(
            input.items.map((item) => ({ sku: item.sku ?? null, name: item.name, quantity: item.quantity, unitPrice: item.unitPrice })),
          ),
          total_amount: input.total.amount,
          currency: input.total.currency,
          payment_method: input.payment.method,
          invoice_state: input.payment.method === 'invoice' ? 'open' : null,
          source_page: sourcePage,
          ip: input.ip ?? null,
          terms_accepted: input.termsAccepted ?? null,
          marketing_opt_in: optIn ? JSON.stringify({ email: optIn.email ?? undefined, sms: optIn.sms ?? undefined }) : null,
        })
        .onConflict((oc) => oc.columns(['register_id', 'order_ref']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw new DomainError('order_exists', `Order ${input.orderId} already exists in this register under another Idempotency-Key`);

      const response: OrderCreated = { orderId: input.orderId, subjectId: subject.id };
      await db
        .insertInto('idempotency_keys')
        .values({
          controller_id: register.controllerId,
          register_id: register.id,
          key: ctx.idempotencyKey,
          request_hash: ctx.requestHash,
          status_code: 201,
          response: JSON.stringify(response),
        })
        .execute();
      return response;
    },
  };
}
