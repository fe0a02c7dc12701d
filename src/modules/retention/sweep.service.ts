import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { inTenant } from '../../db/tenant.ts';
import { appendEvents, type Actor } from '../audit/audit.service.ts';
import { registerService, type LoadedRegister } from '../registers/register.service.ts';
import { COLUMN_OF_FIELD, FIELD_OF_COLUMN } from '../subjects/subject-fields.ts';
import { eraseSubjects } from './erasure.service.ts';
import { isLegalObligation } from './retention-plan.ts';
import { CHANNELS, purposeInfo, SALE_AND_SHARING } from '../consents/consent-rules.ts';

/** How many entries of each list a stored report keeps; the counts are always whole. */
const LISTED = 1000;
const BATCH = 2000;

export interface SweepReport {
  registerId: string;
  controllerId: string;
  asOf: string;
  dryRun: boolean;
  /** Customers whose retention ran out: erased, keeping only what a law requires. */
  erased: {
    count: number;
    items: Array<{ subjectId: string; deleted: string[]; kept: string[]; ordersDeleted: number }>;
  };
  /** Customers who would be due but a hold keeps them. */
  held: { count: number; items: Array<{ subjectId: string; kinds: string[]; until: string }> };
  /** Orders past every rule that keeps them (accounting included). */
  orders: { count: number; items: string[] };
  /** Kept values of erased customers whose own date has passed. */
  retained: { count: number; items: Array<{ subjectId: string; field: string }> };
  /** Fields of active customers whose own, shorter rule has run out. */
  fields: Array<{ field: string; count: number }>;
}

const months = (p: { years?: number; months?: number }) => (p.years ?? 0) * 12 + (p.months ?? 0);

/** The register's periods, in months, as the sweep needs them. */
export function periods(register: LoadedRegister) {
  const rules = register.description.retention;
  const nonLaw = rules.filter((r) => !isLegalObligation(r));
  const law = rules.filter(isLegalObligation);
  const customerMonths = Math.max(0, ...nonLaw.map((r) => months(r.period)));
  const ordersLawMonths = Math.max(0, ...law.filter((r) => r.fields.includes('orders')).map((r) => months(r.period)));
  const ordersOtherMonths = Math.max(
    0,
    ...nonLaw.filter((r) => r.fields.includes('orders')).map((r) => months(r.period)),
  );
  // Fields whose own rules are shorter than the customer's: cleared earlier, column by column.
  const shorter: Array<{ field: string; months: number }> = [];
  // Fields kept only while a consent stands: cleared `months` after the consent for their purposes ends.
  const onConsent: Array<{
    field: string;
    months: number;
    purposes: Array<{ key: string; marketing: boolean; sharing: boolean }>;
  }> = [];
  for (const [, field] of FIELD_OF_COLUMN) {
    const covering = rules.filter((r) => r.fields.includes(field as never));
    if (covering.length === 0 || covering.some(isLegalObligation)) continue;
    const m = Math.max(...covering.map((r) => months(r.period)));
    if (covering.every((r) => r.trigger === 'consent_valid')) {
      const keys = register.description.fields.find((f) => f.key === field)?.purposes ?? [];
      const purposes = keys.map((key) => {
        const info = purposeInfo(register.description, key);
        return { key, marketing: info?.class === 'marketing', sharing: !!info?.sharing };
      });
      onConsent.push({ field, months: m, purposes });
    } else if (m < customerMonths) shorter.push({ field, months: m });
  }
  return { customerMonths, ordersLawMonths, ordersOtherMonths, shorter, onConsent };
}

/**
 * One register's sweep as of a moment. The dry run goes through exactly the same selection and
 * plans and writes only its report; the real run erases in batches (each its own transaction,
 * so a crash loses at most the batch in flight and the next run picks up where this one
 * stopped) and records a processing event per customer.
 */
export async function sweepRegister(
  database: Database,
  secretBox: SecretBox,
  register: LoadedRegister,
  options: {
    asOf: Date;
    dryRun: boolean;
    actor?: Actor;
    /** Store the report (false for a console preview). */ record?: boolean;
  },
): Promise<SweepReport> {
  const { asOf, dryRun } = options;
  const actor: Actor = options.actor ?? { type: 'system', id: 'retention' };
  const db = database.db;
  const p = periods(register);
  const report: SweepReport = {
    registerId: register.id,
    controllerId: register.controllerId,
    asOf: asOf.toISOString(),
    dryRun,
    erased: { count: 0, items: [] },
    held: { count: 0, items: [] },
    orders: { count: 0, items: [] },
    retained: { count: 0, items: [] },
    fields: [],
  };
  const cutoff = new Date(asOf.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - p.customerMonths);
  const asOfDate = asOf.toISOString().slice(0, 10);

  // 1. Customers whose retention has run out: found in one query, erased in batches.
  const due = await inTenant(db, register.controllerId, (tx) =>
    sql<{ id: string; holds: Array<{ kind: string; until: string }> | null }>`
      SELECT s.id, (
        SELECT json_agg(json_build_object('kind', h.kind, 'until', h.until)) FROM holds h
        WHERE h.subject_id = s.id AND h.released_at IS NULL AND h.until >= ${asOfDate}::date
      ) AS holds
      FROM subjects s
      WHERE s.register_id = ${register.id} AND s.erased_at IS NULL AND s.last_activity_at < ${cutoff}
      ORDER BY s.id`.execute(tx),
  );
  const free: string[] = [];
  for (const r of due.rows) {
    if (!r.holds) {
      free.push(r.id);
      continue;
    }
    report.held.count++;
    if (report.held.items.length < LISTED) {
      report.held.items.push({
        subjectId: r.id,
        kinds: [...new Set(r.holds.map((h) => h.kind))],
        until: r.holds
          .map((h) => String(h.until).slice(0, 10))
          .sort()
          .at(-1)!,
      });
    }
  }
  for (let i = 0; i < free.length; i += BATCH) {
    const reports = await inTenant(db, register.controllerId, (tx) =>
      eraseSubjects(tx, register, free.slice(i, i + BATCH), {
        secretBox,
        cause: 'retention',
        actor,
        now: asOf,
        dryRun,
      }),
    );
    for (const r of reports.values()) {
      // Erased meanwhile by a request: not this sweep's doing.
      if (r.alreadyErased) continue;
      report.erased.count++;
      if (report.erased.items.length < LISTED)
        report.erased.items.push({
          subjectId: r.subjectId,
          deleted: r.deleted,
          kept: r.kept.map((k) => k.field),
          ordersDeleted: r.orders.deleted,
        });
    }
  }

  await inTenant(db, register.controllerId, async (tx) => {
    // 2. Orders past every rule that keeps them, unless held.
    const lawEnd = sql`(make_timestamptz(extract(year FROM o.placed_at AT TIME ZONE 'UTC')::int, 12, 31, 23, 59, 59, 'UTC')
                         + make_interval(months => ${p.ordersLawMonths}::int))`;
    // Customers that step 1 erases (or, in a dry run, would erase) are left to it, so that a dry
    // run lists exactly what the real run removes.
    const activeHold = (subject: ReturnType<typeof sql.ref>) => sql`EXISTS (SELECT 1 FROM holds h
      WHERE h.subject_id = ${subject} AND h.released_at IS NULL AND h.until >= ${asOfDate}::date)`;
    const dueNow = (alias: string) =>
      sql`(${sql.ref(`${alias}.erased_at`)} IS NULL AND ${sql.ref(`${alias}.last_activity_at`)} < ${cutoff}
           AND NOT ${activeHold(sql.ref(`${alias}.id`))})`;
    const ordersDue = sql`
      FROM orders o JOIN subjects s ON s.id = o.subject_id
      WHERE o.register_id = ${register.id} AND ${lawEnd} < ${asOf} AND NOT ${dueNow('s')}
        AND (s.erased_at IS NOT NULL OR s.last_activity_at + make_interval(months => ${p.ordersOtherMonths}::int) < ${asOf})
        AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.subject_id = o.subject_id AND h.released_at IS NULL
                        AND h.until >= ${asOfDate}::date AND (h.order_id = o.id OR h.order_id IS NULL))`;
    const orders = await sql<{ id: string; subject_id: string; order_ref: string }>`
      SELECT o.id, o.subject_id, o.order_ref ${ordersDue} ORDER BY o.id`.execute(tx);
    report.orders.count = orders.rows.length;
    report.orders.items = orders.rows.slice(0, LISTED).map((o) => o.order_ref);

    // 3. Kept values whose own date has passed.
    const retained = await tx
      .selectFrom('retained_fields')
      .select(['subject_id', 'field'])
      .where('register_id', '=', register.id)
      .where('delete_after', '<', asOfDate)
      .orderBy('subject_id')
      .orderBy('field')
      .execute();
    report.retained.count = retained.length;
    report.retained.items = retained.slice(0, LISTED).map((r) => ({ subjectId: r.subject_id, field: r.field }));

    // 4. Fields with shorter rules of customers still active, and fields kept only on consent.
    const cleared = new Map<string, string[]>();
    const notDueNorHeld = sql`erased_at IS NULL AND NOT ${dueNow('subjects')}
        AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.subject_id = subjects.id AND h.released_at IS NULL
                        AND h.until >= ${asOfDate}::date)`;
    const fieldRules = [
      ...p.shorter.map((s) => ({ ...s, purposes: null })),
      ...p.onConsent.map((s) => ({ ...s, purposes: s.purposes })),
    ];
    for (const s of fieldRules) {
      const column = COLUMN_OF_FIELD.get(s.field);
      if (!column) continue;
      const fieldCutoff = new Date(asOf.getTime());
      fieldCutoff.setUTCMonth(fieldCutoff.getUTCMonth() - s.months);
      let due;
      if (s.purposes === null) {
        due = sql`last_activity_at < ${fieldCutoff}`;
      } else {
        // An event speaks to a purpose as the contact check reads the ledger: a consent only to
        // its own purpose, a refusal of direct marketing to every marketing purpose, an objection
        // to sale and sharing to the purposes that hand data on.
        const keys = s.purposes.map((x) => x.key);
        const covers = (e: string, pp: string) => sql`(${sql.ref(`${e}.purpose`)} = ${sql.ref(`${pp}.key`)}
          OR (${sql.ref(`${e}.kind`)} <> 'consent_given'
              AND ((${sql.ref(`${e}.purpose`)} = 'direct_marketing' AND ${sql.ref(`${pp}.marketing`)})
                   OR (${sql.ref(`${e}.purpose`)} = ${SALE_AND_SHARING} AND ${sql.ref(`${pp}.sharing`)}))))`;
        const purposes = sql`unnest(${keys}::text[], ${s.purposes.map((x) => x.marketing)}::boolean[],
          ${s.purposes.map((x) => x.sharing)}::boolean[]) AS pp(key, marketing, sharing)`;
        // Consent in force: on some channel, for some of the field's purposes, the newest event
        // that speaks to it is a consent. Otherwise the consent ended with the newest such event;
        // a customer the ledger says nothing about is counted from the last activity.
        due = sql`NOT EXISTS (
            SELECT 1 FROM unnest(${[...CHANNELS]}::text[]) AS ch(channel) CROSS JOIN ${purposes}
            WHERE (SELECT e.kind FROM consent_events e
                   WHERE e.subject_id = subjects.id AND (e.channel IS NULL OR e.channel = ch.channel)
                     AND e.kind <> 'prohibition_lifted' AND ${covers('e', 'pp')}
                   ORDER BY e.occurred_at DESC, e.seq DESC LIMIT 1) = 'consent_given')
          AND COALESCE((SELECT max(e.occurred_at) FROM consent_events e CROSS JOIN ${purposes}
                        WHERE e.subject_id = subjects.id AND e.kind <> 'prohibition_lifted' AND ${covers('e', 'pp')}),
                       last_activity_at) < ${fieldCutoff}`;
      }
      const where = sql`register_id = ${register.id} AND ${sql.ref(column)} IS NOT NULL AND ${due}
        AND ${notDueNorHeld}`;
      const rows = dryRun
        ? await sql<{ id: string }>`SELECT id FROM subjects WHERE ${where}`.execute(tx)
        : await sql<{ id: string }>`UPDATE subjects SET ${sql.ref(column)} = NULL WHERE ${where} RETURNING id`.execute(
            tx,
          );
      if (rows.rows.length > 0) report.fields.push({ field: s.field, count: rows.rows.length });
      for (const r of rows.rows) cleared.set(r.id, [...(cleared.get(r.id) ?? []), s.field]);
    }
    if (dryRun) return;

    if (orders.rows.length > 0) {
      const ids = orders.rows.map((o) => o.id);
      await sql`UPDATE holds SET order_id = NULL WHERE order_id = ANY(${ids}::uuid[])`.execute(tx);
      await sql`DELETE FROM orders WHERE id = ANY(${ids}::uuid[])`.execute(tx);
    }
    if (retained.length > 0) {
      await tx
        .deleteFrom('retained_fields')
        .where('register_id', '=', register.id)
        .where('delete_after', '<', asOfDate)
        .execute();
    }
    const bySubject = new Map<string, string[]>();
    for (const o of orders.rows) bySubject.set(o.subject_id, ['orders']);
    for (const r of retained) bySubject.set(r.subject_id, [...(bySubject.get(r.subject_id) ?? []), r.field]);
    for (const [id, fields] of cleared) bySubject.set(id, [...(bySubject.get(id) ?? []), ...fields]);
    await appendEvents(
      tx,
      register.controllerId,
      actor,
      [...bySubject].map(([subjectId, fields]) => ({
        registerId: register.id,
        subjectId,
        action: 'retention.deleted',
        purpose: 'retention',
        fields: [...new Set(fields)].sort(),
      })),
    );
  });

  if (options.record === false) return report;
  await db
    .insertInto('retention_sweeps')
    .values({
      controller_id: register.controllerId,
      register_id: register.id,
      dry_run: dryRun,
      as_of: asOf,
      finished_at: new Date(),
      report: JSON.stringify(report),
    })
    .execute();
  return report;
}

/** Every register's sweep; a register that fails is reported and the others still run. */
export async function sweepAll(
  database: Database,
  secretBox: SecretBox,
  options: { asOf: Date; dryRun: boolean; registerId?: string },
): Promise<Array<SweepReport | { registerId: string; error: string }>> {
  const registers = await database.db
    .selectFrom('registers')
    .select('id')
    .$if(!!options.registerId, (q) => q.where('id', '=', options.registerId!))
    .orderBy('created_at')
    .execute();
  const results: Array<SweepReport | { registerId: string; error: string }> = [];
  for (const { id } of registers) {
    try {
      const register = await registerService(database.db).loadAny(id);
      results.push(await sweepRegister(database, secretBox, register, options));
    } catch (error) {
      results.push({ registerId: id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
