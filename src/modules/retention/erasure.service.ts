import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import type { Subject } from '../../db/schema.ts';
import { appendEvents, type Actor } from '../audit/audit.service.ts';
import type { LoadedRegister } from '../registers/register.service.ts';
import { COLUMN_OF_FIELD, FIELD_OF_COLUMN } from '../subjects/subject-fields.ts';
import { planErasure, type Cause, type KeptField, type Plan } from './retention-plan.ts';

export interface ErasureReport {
  subjectId: string;
  deleted: string[];
  kept: KeptField[];
  anonymised: string[];
  orders: { deleted: number; kept: Array<{ orderId: string; reason: string; until: string }> };
  erasedAt: string;
  cause: Cause;
  /** True when the customer had already been erased: nothing was done again. */
  alreadyErased: boolean;
}

/** Columns that hold the person: all of them go (the kept values move to retained_fields). */
const PERSONAL_COLUMNS = [
  ...FIELD_OF_COLUMN.map(([c]) => c),
  'email_key',
  'hetu_encrypted',
  'hetu_lookup',
  'external_id',
] as const satisfies readonly (keyof Subject)[];

function valueOf(subject: Subject, field: string): string | null {
  if (field === 'personalIdentityCode') return subject.hetu_encrypted;
  const column = COLUMN_OF_FIELD.get(field);
  if (!column) return null;
  const v = subject[column];
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : JSON.stringify(v);
}

export interface EraseOptions {
  secretBox: SecretBox;
  cause: Cause;
  actor: Actor;
  now: Date;
  /** Work out the reports and change nothing (the sweep's dry run). */
  dryRun?: boolean;
}

/**
 * Erases customers of one register in the caller's transaction (under the controller's
 * row-level security): everything goes but what a law or a hold requires, which is kept
 * encrypted with its own deletion date; orders kept for accounting lose what is not accounting
 * material; the consent ledger keeps its proof without the IP address or order number. One
 * transaction, so a crash leaves the old state or the finished one; a customer already erased
 * answers the report of that erasure and nothing changes.
 */
export async function eraseSubjects(
  tx: Tx,
  register: LoadedRegister,
  subjectIds: string[],
  options: EraseOptions,
): Promise<Map<string, ErasureReport>> {
  const reports = new Map<string, ErasureReport>();
  if (subjectIds.length === 0) return reports;
  const { now } = options;
  const subjects = await tx
    .selectFrom('subjects')
    .selectAll()
    .where('id', 'in', subjectIds)
    .where('register_id', '=', register.id)
    .$if(!options.dryRun, (q) => q.forUpdate())
    .execute();
  const done = await tx
    .selectFrom('erasures')
    .select(['subject_id', 'report'])
    .where('subject_id', 'in', subjectIds)
    .execute();
  for (const d of done) reports.set(d.subject_id, { ...(d.report as ErasureReport), alreadyErased: true });
  const todo = subjects.filter((s) => !reports.has(s.id));
  if (todo.length === 0) return reports;
  const ids = todo.map((s) => s.id);

  const [orders, holds, ledger] = await Promise.all([
    tx
      .selectFrom('orders')
      .select(['id', 'subject_id', 'placed_at', 'order_ref'])
      .where('subject_id', 'in', ids)
      .execute(),
    tx
      .selectFrom('holds')
      .select(['subject_id', 'order_id', 'kind', 'until', 'reason'])
      .where('subject_id', 'in', ids)
      .where('released_at', 'is', null)
      .execute(),
    sql<{ subject_id: string }>`
      SELECT s.id AS subject_id FROM unnest(${ids}::uuid[]) AS s(id)
      WHERE EXISTS (SELECT 1 FROM consent_events e WHERE e.subject_id = s.id)`
      .execute(tx)
      .then((r) => r.rows),
  ]);
  const withLedger = new Set(ledger.map((l) => l.subject_id));

  const retained: Array<Record<string, string>> = [];
  const deleteOrders: string[] = [];
  const keepOrders: string[] = [];
  const notifications: Array<{ subject_id: string; recipient: string; fields: string[] }> = [];
  const erasures: Array<{ subject_id: string; report: ErasureReport }> = [];
  const events: Array<{ subjectId: string; fields: string[] }> = [];

  for (const subject of todo) {
    const own = orders.filter((o) => o.subject_id === subject.id);
    const fields = FIELD_OF_COLUMN.filter(([c]) => subject[c] !== null && subject[c] !== undefined).map(([, f]) => f);
    const plan: Plan = planErasure(
      register.description,
      {
        fields,
        lastActivityAt: new Date(subject.last_activity_at),
        orders: own.map((o) => ({ id: o.id, placedAt: new Date(o.placed_at) })),
        holds: holds
          .filter((h) => h.subject_id === subject.id)
          .map((h) => ({ kind: h.kind, until: String(h.until).slice(0, 10), orderId: h.order_id, reason: h.reason })),
        hasConsentEvents: withLedger.has(subject.id),
      },
      options.cause,
      now,
    );
    for (const k of plan.kept) {
      if (k.field === 'orders') continue;
      const value = valueOf(subject, k.field);
      if (value === null) continue;
      retained.push({
        controller_id: register.controllerId,
        register_id: register.id,
        subject_id: subject.id,
        field: k.field,
        // The identity code is sealed already; everything else is sealed here.
        value_encrypted: k.field === 'personalIdentityCode' ? value : options.secretBox.encrypt(value),
        reason: k.reason,
        delete_after: k.until,
      });
    }
    const keptOrders: ErasureReport['orders']['kept'] = [];
    for (const o of plan.orders) {
      const ref = own.find((x) => x.id === o.id)!.order_ref;
      if (o.keep) {
        keepOrders.push(o.id);
        keptOrders.push({ orderId: ref, reason: o.reason, until: o.until });
      } else deleteOrders.push(o.id);
    }
    const report: ErasureReport = {
      subjectId: subject.id,
      deleted: plan.deleted,
      kept: plan.kept,
      anonymised: plan.anonymised,
      orders: { deleted: plan.orders.filter((o) => !o.keep).length, kept: keptOrders },
      erasedAt: now.toISOString(),
      cause: options.cause,
      alreadyErased: false,
    };
    reports.set(subject.id, report);
    erasures.push({ subject_id: subject.id, report });
    events.push({ subjectId: subject.id, fields: plan.deleted });
    // Article 19: every recipient that was given any of the customer's fields hears of it.
    const had = new Set([...fields, ...(own.length > 0 ? ['orders'] : [])]);
    for (const r of register.description.recipients) {
      const theirs = r.fields.filter((f) => had.has(f));
      if (theirs.length > 0) notifications.push({ subject_id: subject.id, recipient: r.name, fields: theirs });
    }
  }

  if (options.dryRun) return reports;
  if (retained.length > 0) {
    await sql`
      INSERT INTO retained_fields (controller_id, register_id, subject_id, field, value_encrypted, reason, delete_after)
      SELECT controller_id, register_id, subject_id, field, value_encrypted, reason, delete_after
      FROM jsonb_to_recordset(${JSON.stringify(retained)}::jsonb) AS x(
        controller_id uuid, register_id uuid, subject_id uuid, field text, value_encrypted text, reason text, delete_after date)
      ON CONFLICT (subject_id, field) DO UPDATE SET value_encrypted = excluded.value_encrypted,
        reason = excluded.reason, delete_after = GREATEST(retained_fields.delete_after, excluded.delete_after)`.execute(
      tx,
    );
  }
  await tx
    .updateTable('subjects')
    .set({
      ...Object.fromEntries(PERSONAL_COLUMNS.map((c) => [c, null])),
      erased_at: now,
      updated_at: now,
    })
    .where('id', 'in', ids)
    .execute();
  if (deleteOrders.length > 0) {
    // A released hold may still point at an order that now goes.
    await tx.updateTable('holds').set({ order_id: null }).where('order_id', 'in', deleteOrders).execute();
    await tx.deleteFrom('orders').where('id', 'in', deleteOrders).execute();
  }
  if (keepOrders.length > 0) {
    await tx
      .updateTable('orders')
      .set({ ip: null, source_page: null, marketing_opt_in: null, terms_accepted: null })
      .where('id', 'in', keepOrders)
      .execute();
  }
  await sql`
    UPDATE consent_events SET ip = NULL, evidence = '{}'::jsonb
    WHERE subject_id = ANY(${ids}::uuid[]) AND (ip IS NOT NULL OR evidence <> '{}'::jsonb)`.execute(tx);
  await sql`
    INSERT INTO erasures (subject_id, controller_id, register_id, cause, requested_by_type, requested_by_id, report, done_at)
    SELECT subject_id, ${register.controllerId}::uuid, ${register.id}::uuid, ${options.cause}, ${options.actor.type},
           ${options.actor.id}, report, ${now}::timestamptz
    FROM jsonb_to_recordset(${JSON.stringify(erasures)}::jsonb) AS x(subject_id uuid, report jsonb)`.execute(tx);
  if (notifications.length > 0) {
    await sql`
      INSERT INTO recipient_notifications (controller_id, register_id, subject_id, recipient, event, fields)
      SELECT ${register.controllerId}::uuid, ${register.id}::uuid, subject_id, recipient, 'erased', fields
      FROM jsonb_to_recordset(${JSON.stringify(notifications)}::jsonb) AS x(subject_id uuid, recipient text, fields text[])`.execute(
      tx,
    );
  }
  await appendEvents(
    tx,
    register.controllerId,
    options.actor,
    events.map((e) => ({
      registerId: register.id,
      subjectId: e.subjectId,
      action: options.cause === 'request' ? 'subject.erased' : 'subject.erased_by_retention',
      purpose: options.cause === 'request' ? 'erasure_request' : 'retention',
      fields: e.fields,
    })),
  );
  return reports;
}
