import { createHash } from 'node:crypto';
import { DomainError, invalid, notFound, type FieldProblem } from '../../errors.ts';
import type { Tx } from '../../db/database.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import type { LoadedRegister } from '../registers/register.service.ts';
import { normalizeCustomer } from '../subjects/customer-input.ts';
import { orderRepository } from './order.repository.ts';
import { orderWriterFor } from './order-writer.ts';
import type { Actor } from '../audit/audit.service.ts';
import { registerService } from '../registers/register.service.ts';
import { containsPaymentCardNumber } from '../../validation/index.ts';
import type { OrderCreated, OrderInput } from './order.schemas.ts';
import { CLOCK_SKEW_MS } from '../consents/consent.service.ts';

/** The fields of the person an order carries (for its processing event). */
function orderFields(input: OrderInput): string[] {
  const c = input.customer;
  const present: [unknown, string][] = [
    [c.firstName, 'firstName'],
    [c.lastName, 'lastName'],
    [c.email, 'email'],
    [c.phone, 'phone'],
    [c.address?.street, 'address.street'],
    [c.address?.postalCode, 'address.postalCode'],
    [c.address?.city, 'address.city'],
    [c.address?.country, 'address.country'],
    [c.birthDate, 'birthDate'],
    [c.personalIdentityCode, 'personalIdentityCode'],
    [c.organisation?.name, 'organisation.name'],
    [c.organisation?.businessId, 'organisation.businessId'],
    [c.organisation?.eInvoiceAddress, 'organisation.eInvoiceAddress'],
    [c.organisation?.eInvoiceOperator, 'organisation.eInvoiceOperator'],
    [c.organisation?.reference, 'organisation.reference'],
    [c.organisation?.marking, 'organisation.marking'],
    [input.sourcePage, 'sourcePage'],
    [input.ip, 'ip'],
    [input.termsAccepted, 'termsAcceptance'],
    [input.marketingOptIn, 'marketingPermissions'],
  ];
  return ['orders', ...present.filter(([v]) => v !== null && v !== undefined && v !== '').map(([, f]) => f)];
}

export interface IngestContext {
  actor: Actor;
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
  const orders = orderRepository(db);
  return {
    /**
     * The register the controller may write to, and the answer already given for this key (a
     * conflict if the key came with another body).
     */
    async prepare(controllerId: string, registerId: string, key: string, requestHash: string) {
      const row = await orders.ingestContext(controllerId, registerId, key);
      if (!row) throw notFound('Register');
      if (row.request_hash !== null && row.request_hash !== requestHash) throw new DomainError('idempotency_conflict');
      const register = await registerService(db).fromRow(row);
      return { register, replay: row.request_hash === null ? null : (row.response as OrderCreated) };
    },

    /**
     * Validates everything, then writes customer, order and idempotency record atomically.
     * Answers null, having written nothing, when the register's description changed since `ctx.register` was read.
     */
    async ingest(input: OrderInput, ctx: IngestContext): Promise<OrderCreated | null> {
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
        problems.push({
          field: 'customer.email',
          code: 'required',
          message: 'is required: orders find their customer by email',
        });
      }
      if (Date.parse(input.placedAt) > Date.now() + CLOCK_SKEW_MS) {
        problems.push({ field: 'placedAt', code: 'in_the_future', message: 'is in the future' });
      }
      const sourcePage = input.sourcePage?.trim() || null;
      if (sourcePage !== null && !declared.has('sourcePage')) undeclared('sourcePage', 'sourcePage');
      if (input.ip && !declared.has('ip')) undeclared('ip', 'ip');
      if (input.termsAccepted != null && !declared.has('termsAcceptance'))
        undeclared('termsAccepted', 'termsAcceptance');
      const optIn = input.marketingOptIn;
      const hasOptIn = !!optIn && (optIn.email != null || optIn.sms != null);
      if (hasOptIn && !declared.has('marketingPermissions')) undeclared('marketingOptIn', 'marketingPermissions');
      input.items.forEach((item, i) => {
        if (containsPaymentCardNumber(item.name)) {
          problems.push({
            field: `items.${i}.name`,
            code: 'payment_card_number',
            message: 'looks like a payment card number; card numbers are never stored',
          });
        }
      });
      if (problems.length > 0 || !customer.value) {
        const onlyUndeclared = problems.every((p) => p.code === 'undeclared');
        throw invalid(problems, onlyUndeclared ? 'undeclared_field' : 'validation_failed');
      }

      const c = customer.value;
      const hetu = c.personalIdentityCode;
      const written = await orderWriterFor(db).write({
        actor: ctx.actor,
        fields: orderFields(input),
        subject: {
          ...c.columns,
          controller_id: register.controllerId,
          register_id: register.id,
          ip: input.ip ?? null,
          source_page: sourcePage,
          hetu_encrypted: hetu ? ctx.secretBox.encrypt(hetu) : null,
          hetu_lookup: hetu ? ctx.secretBox.lookupHash(hetu) : null,
          source: 'order',
          last_activity_at: new Date(input.placedAt),
        },
        order: {
          order_ref: input.orderId,
          placed_at: input.placedAt,
          items: input.items.map((item) => ({
            sku: item.sku ?? null,
            name: item.name,
            quantity: item.quantity,
            unitPrice: item.unitPrice,
          })),
          total_amount: input.total.amount,
          currency: input.total.currency,
          payment_method: input.payment.method,
          invoice_state: input.payment.method === 'invoice' ? 'open' : null,
          source_page: sourcePage,
          ip: input.ip ?? null,
          terms_accepted: input.termsAccepted ?? null,
          marketing_opt_in: hasOptIn
            ? {
                ...(optIn.email != null ? { email: optIn.email } : {}),
                ...(optIn.sms != null ? { sms: optIn.sms } : {}),
              }
            : null,
        },
        idempotency: { key: ctx.idempotencyKey, requestHash: ctx.requestHash },
        descriptionVersion: register.version,
      });
      return written && { orderId: input.orderId, subjectId: written.subjectId };
    },
  };
}
