import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { NewSubject } from '../../db/schema.ts';
import type { NewOrder } from './order.repository.ts';
import { CUSTOMER_COLUMNS } from '../subjects/customer-input.ts';
import { enterTenant } from '../../db/tenant.ts';
import { appendEvents, type Actor } from '../audit/audit.service.ts';

export interface PendingOrder {
  actor: Actor;
  /** The fields of the person that the order carried, for the processing event. */
  fields: string[];
  subject: NewSubject;
  order: NewOrder;
  idempotency: { key: string; requestHash: string };
  /** The description version the order was validated against. */
  descriptionVersion: number;
}

/** The customer the order was filed under, or null when the register changed (nothing written). */
export type WriteResult = { subjectId: string } | null;

interface Queued {
  item: PendingOrder;
  resolve: (result: WriteResult) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 64;

/**
 * Only `omadata bench` turns this on, outside production, to measure what the audit trail costs
 * order ingestion (the same run, with and without).
 */
let auditSwitchedOffForBenchmark = false;
export function switchOffOrderAuditForBenchmark() {
  if (process.env.NODE_ENV === 'production') throw new Error('The audit trail cannot be switched off in production');
  auditSwitchedOffForBenchmark = true;
}
const MAX_IN_FLIGHT = 2;

/** Columns of one order as a JSON record; the statement below reads them with jsonb_to_recordset. */
const RECORD_COLUMNS = `
  idx int, controller_id uuid, register_id uuid, version int,
  kind text, first_name text, last_name text, email text, email_key text, phone text, street text,
  postal_code text, city text, country text, birth_date date, interests text[], feedback text, ip inet,
  source_page text, website text, org_name text, org_business_id text, org_einvoice_address text,
  org_einvoice_operator text, org_reference text, org_marking text, hetu_encrypted text, hetu_lookup text,
  hetu_masked text, source text, last_activity_at timestamptz,
  order_ref text, placed_at timestamptz, items jsonb, total_amount numeric, currency text, payment_method text,
  invoice_state text, order_source_page text, order_ip inet, terms_accepted boolean, marketing_opt_in jsonb,
  idem_key text, request_hash text`;

const SUBJECT_COLUMNS = [
  ...CUSTOMER_COLUMNS,
  'ip',
  'source_page',
  'hetu_encrypted',
  'hetu_lookup',
  'source',
  'last_activity_at',
] as const;

const MERGE = SUBJECT_COLUMNS.filter((c) => !['kind', 'email_key', 'source', 'last_activity_at'].includes(c))
  // A restricted customer's data is only stored (GDPR 18): a new order does not enrich it.
  .map(
    (c) =>
      `${c} = CASE WHEN subjects.restricted_at IS NULL THEN COALESCE(excluded.${c}, subjects.${c}) ELSE subjects.${c} END`,
  )
  .join(',\n      ');

/**
 * Customer, order and idempotency record for many orders in one statement, in one transaction
 * with their processing events. An orderId or key that already exists fails all of it, with nothing written. Rows
 * whose register is no longer at the validated description version are left out (no result).
 */
const STATEMENT_HEAD = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset(`;
const STATEMENT_TAIL = `::jsonb) AS x(${RECORD_COLUMNS})
), ok AS (
  SELECT input.* FROM input
  JOIN registers r ON r.id = input.register_id AND r.controller_id = input.controller_id AND r.current_version = input.version
), s AS (
  INSERT INTO subjects (controller_id, register_id, ${SUBJECT_COLUMNS.join(', ')})
  SELECT controller_id, register_id, ${SUBJECT_COLUMNS.join(', ')} FROM ok
  ON CONFLICT (register_id, email_key) DO UPDATE SET
      kind = CASE WHEN excluded.kind = 'organisation' THEN 'organisation' ELSE subjects.kind END,
      ${MERGE},
      updated_at = now(),
      last_activity_at = GREATEST(subjects.last_activity_at, excluded.last_activity_at)
  RETURNING id, register_id, email_key
), o AS (
  INSERT INTO orders (controller_id, register_id, subject_id, order_ref, placed_at, items, total_amount, currency,
                      payment_method, invoice_state, source_page, ip, terms_accepted, marketing_opt_in)
  SELECT ok.controller_id, ok.register_id, s.id, ok.order_ref, ok.placed_at, ok.items, ok.total_amount, ok.currency,
         ok.payment_method, ok.invoice_state, ok.order_source_page, ok.order_ip, ok.terms_accepted, ok.marketing_opt_in
  FROM ok JOIN s ON s.register_id = ok.register_id AND s.email_key = ok.email_key
  RETURNING register_id, order_ref, subject_id
), k AS (
  INSERT INTO idempotency_keys (controller_id, register_id, key, request_hash, status_code, response)
  SELECT ok.controller_id, ok.register_id, ok.idem_key, ok.request_hash, 201,
         jsonb_build_object('orderId', ok.order_ref, 'subjectId', o.subject_id)
  FROM ok JOIN o ON o.register_id = ok.register_id AND o.order_ref = ok.order_ref
  RETURNING register_id, key
), c AS (
  -- A ticked box at checkout is the person's own opt-in: one consent per channel, with its proof.
  INSERT INTO consent_events (controller_id, register_id, subject_id, kind, channel, purpose, source, notice_version,
                              occurred_at, ip, evidence)
  SELECT ok.controller_id, ok.register_id, o.subject_id, 'consent_given', m.key, 'direct_marketing', 'order', ok.version,
         LEAST(ok.placed_at, now()), ok.order_ip, jsonb_build_object('orderId', ok.order_ref)
  FROM ok JOIN o ON o.register_id = ok.register_id AND o.order_ref = ok.order_ref
  CROSS JOIN LATERAL jsonb_each(COALESCE(ok.marketing_opt_in, '{}'::jsonb)) m
  WHERE m.value = 'true'::jsonb
)
SELECT ok.idx, o.subject_id FROM ok
JOIN o ON o.register_id = ok.register_id AND o.order_ref = ok.order_ref
JOIN k ON k.register_id = ok.register_id AND k.key = ok.idem_key`;

function toRecord(p: PendingOrder, idx: number) {
  const s = p.subject;
  const o = p.order;
  return {
    idx,
    controller_id: s.controller_id,
    register_id: s.register_id,
    version: p.descriptionVersion,
    ...Object.fromEntries(
      SUBJECT_COLUMNS.map((c) => {
        const v = s[c];
        return [c, v instanceof Date ? v.toISOString() : (v ?? null)];
      }),
    ),
    order_ref: o.order_ref,
    placed_at: o.placed_at,
    items: o.items,
    total_amount: o.total_amount,
    currency: o.currency,
    payment_method: o.payment_method,
    invoice_state: o.invoice_state,
    order_source_page: o.source_page,
    order_ip: o.ip,
    terms_accepted: o.terms_accepted,
    marketing_opt_in: o.marketing_opt_in,
    idem_key: p.idempotency.key,
    request_hash: p.idempotency.requestHash,
  };
}

/**
 * Writes orders that arrive together in one statement and one commit, the way a database groups
 * commits: a shop's burst of orders costs one round trip and one flush to disk per batch rather
 * than per order. Orders that would touch the same customer, order number or key as another in the
 * batch wait for the next one, so a batch never conflicts with itself; if a batch fails, each of its
 * orders is written alone so that one bad order cannot fail the others.
 */
export class OrderWriter {
  private queue: Queued[] = [];
  private inFlight = 0;

  constructor(private readonly db: Kysely<DB>) {}

  write(item: PendingOrder): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private take(): Queued[] {
    const batch: Queued[] = [];
    const rest: Queued[] = [];
    const seen = new Set<string>();
    const controllerId = this.queue[0]?.item.subject.controller_id;
    for (const q of this.queue) {
      const { subject, order, idempotency } = q.item;
      // One transaction acts for one controller (row-level security, one audit chain).
      if (subject.controller_id !== controllerId) {
        rest.push(q);
        continue;
      }
      const keys = [
        `e${subject.register_id}|${subject.email_key}`,
        `o${subject.register_id}|${order.order_ref}`,
        `k${subject.register_id}|${idempotency.key}`,
      ];
      if (batch.length >= MAX_BATCH || keys.some((k) => seen.has(k))) {
        rest.push(q);
        continue;
      }
      keys.forEach((k) => seen.add(k));
      batch.push(q);
    }
    this.queue = rest;
    return batch;
  }

  private async run(batch: Queued[]) {
    try {
      const results = await this.execute(batch.map((q) => q.item));
      batch.forEach((q, i) => q.resolve(results.get(i) ?? null));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One order's conflict failed them all: write each alone to give each its own answer.
      await Promise.all(
        batch.map(async (q) => {
          try {
            const results = await this.execute([q.item]);
            q.resolve(results.get(0) ?? null);
          } catch (e) {
            q.reject(e);
          }
        }),
      );
    }
  }

  private async execute(items: PendingOrder[]): Promise<Map<number, WriteResult>> {
    const records = JSON.stringify(items.map(toRecord));
    const controllerId = items[0]!.subject.controller_id;
    return this.db.transaction().execute(async (tx) => {
      await enterTenant(tx, controllerId);
      const result = await sql<{
        idx: number;
        subject_id: string;
      }>`${sql.raw(STATEMENT_HEAD)}${records}${sql.raw(STATEMENT_TAIL)}`.execute(tx);
      if (!auditSwitchedOffForBenchmark)
        await appendEvents(
          tx,
          controllerId,
          { type: 'system', id: null },
          result.rows.map((r) => {
            const item = items[r.idx]!;
            return {
              actor: item.actor,
              registerId: item.subject.register_id,
              subjectId: r.subject_id,
              action: 'order.received',
              purpose: 'order_handling',
              fields: item.fields,
            };
          }),
        );
      return new Map(result.rows.map((r) => [r.idx, { subjectId: r.subject_id }]));
    });
  }
}

const writers = new WeakMap<Kysely<DB>, OrderWriter>();

/** The writer for a database handle; batching spans requests, so never a transaction's handle. */
export function orderWriterFor(db: Kysely<DB>): OrderWriter {
  if (db.isTransaction) throw new Error('Orders are written in their own statement, not inside a transaction');
  let writer = writers.get(db);
  if (!writer) {
    writer = new OrderWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
