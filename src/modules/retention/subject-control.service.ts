import type { Tx } from '../../db/database.ts';
import type { HoldKind } from '../../db/schema.ts';
import { DomainError, invalid, notFound, type FieldProblem } from '../../errors.ts';
import { appendEvents, type Actor } from '../audit/audit.service.ts';
import type { LoadedRegister } from '../registers/register.service.ts';
import { todayInFinland } from '../../finnish-time.ts';
import { eraseSubjects, type EraseOptions, type ErasureReport } from './erasure.service.ts';
import { planErasure } from './retention-plan.ts';

export const HOLD_KINDS = ['open_invoice', 'debt_collection', 'legal_claim', 'disputed', 'business_contact'] as const;

/** A hold longer than this needs a new hold when it runs out: nothing is held open-ended. */
const MAX_HOLD_YEARS = 25;

export interface HoldInput {
  kind: HoldKind;
  reason: string;
  until: string;
  orderId?: string | null;
}

export function toHold(h: {
  id: string;
  kind: HoldKind;
  reason: string;
  until: string | Date;
  order_id: string | null;
  set_by_type: string;
  set_by_id: string | null;
  created_at: Date | string;
  released_at: Date | string | null;
}) {
  return {
    id: h.id,
    kind: h.kind,
    reason: h.reason,
    until: typeof h.until === 'string' ? h.until.slice(0, 10) : h.until.toISOString().slice(0, 10),
    orderId: h.order_id,
    setBy: { type: h.set_by_type, id: h.set_by_id },
    createdAt: new Date(h.created_at).toISOString(),
    releasedAt: h.released_at ? new Date(h.released_at).toISOString() : null,
  };
}

/** Holds, restriction and erasure of one customer, in the caller's tenant transaction. */
export function subjectControl(tx: Tx, register: LoadedRegister) {
  async function subjectOf(subjectId: string) {
    const subject = await tx
      .selectFrom('subjects')
      .select(['id', 'erased_at', 'restricted_at'])
      .where('id', '=', subjectId)
      .where('register_id', '=', register.id)
      .forUpdate()
      .executeTakeFirst();
    if (!subject) throw notFound('Subject');
    return subject;
  }

  return {
    async listHolds(subjectId: string) {
      await subjectOf(subjectId);
      const rows = await tx
        .selectFrom('holds')
        .leftJoin('orders', 'orders.id', 'holds.order_id')
        .selectAll('holds')
        .select('orders.order_ref')
        .where('holds.subject_id', '=', subjectId)
        .orderBy('holds.created_at', 'desc')
        .execute();
      // Shops know their orders by their own order number.
      return rows.map((r) => ({ ...toHold(r), orderId: r.order_ref ?? null }));
    },

    async addHold(subjectId: string, input: HoldInput, actor: Actor) {
      const problems: FieldProblem[] = [];
      const today = todayInFinland();
      if (input.until < today) problems.push({ field: 'until', code: 'in_the_past', message: 'is in the past' });
      const limit = `${Number(today.slice(0, 4)) + MAX_HOLD_YEARS}${today.slice(4)}`;
      if (input.until > limit)
        problems.push({ field: 'until', code: 'too_far', message: `is more than ${MAX_HOLD_YEARS} years away` });
      const subject = await subjectOf(subjectId);
      let orderId: string | null = null;
      if (input.orderId) {
        const order = await tx
          .selectFrom('orders')
          .select('id')
          .where('subject_id', '=', subjectId)
          .where('order_ref', '=', input.orderId)
          .executeTakeFirst();
        if (!order) problems.push({ field: 'orderId', code: 'not_found', message: 'is not an order of this customer' });
        else orderId = order.id;
      }
      if (problems.length > 0) throw invalid(problems);
      if (subject.erased_at)
        throw new DomainError('subject_erased', 'The customer has been erased: there is nothing to hold');
      const hold = await tx
        .insertInto('holds')
        .values({
          controller_id: register.controllerId,
          register_id: register.id,
          subject_id: subjectId,
          order_id: orderId,
          kind: input.kind,
          reason: input.reason,
          until: input.until,
          set_by_type: actor.type,
          set_by_id: actor.id,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendEvents(tx, register.controllerId, actor, [
        { registerId: register.id, subjectId, action: 'hold.set', purpose: `hold_${input.kind}`, fields: [] },
      ]);
      return { ...toHold(hold), orderId: input.orderId ?? null };
    },

    async releaseHold(subjectId: string, holdId: string, actor: Actor) {
      const subject = await subjectOf(subjectId);
      const released = await tx
        .updateTable('holds')
        .set({ released_at: new Date(), released_by_type: actor.type, released_by_id: actor.id })
        .where('id', '=', holdId)
        .where('subject_id', '=', subjectId)
        .where('released_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!released) throw notFound('Hold');
      await appendEvents(tx, register.controllerId, actor, [
        { registerId: register.id, subjectId, action: 'hold.released', purpose: `hold_${released.kind}`, fields: [] },
      ]);
      if (subject.erased_at) await this.redateRetained(subjectId);
      const order = released.order_id
        ? await tx.selectFrom('orders').select('order_ref').where('id', '=', released.order_id).executeTakeFirst()
        : null;
      return { ...toHold(released), orderId: order?.order_ref ?? null };
    },

    /**
     * After a hold on an erased customer ends, what it alone kept falls due at once (the next
     * sweep removes it) and what a law still keeps gets the law's date.
     */
    async redateRetained(subjectId: string) {
      const [retained, orders, holds] = await Promise.all([
        tx
          .selectFrom('retained_fields')
          .select(['field', 'delete_after'])
          .where('subject_id', '=', subjectId)
          .execute(),
        tx.selectFrom('orders').select(['id', 'placed_at']).where('subject_id', '=', subjectId).execute(),
        tx
          .selectFrom('holds')
          .select(['kind', 'until', 'order_id', 'reason'])
          .where('subject_id', '=', subjectId)
          .where('released_at', 'is', null)
          .execute(),
      ]);
      if (retained.length === 0) return;
      const now = new Date();
      const plan = planErasure(
        register.description,
        {
          fields: retained.map((r) => r.field),
          lastActivityAt: now,
          orders: orders.map((o) => ({ id: o.id, placedAt: new Date(o.placed_at) })),
          holds: holds.map((h) => ({
            kind: h.kind,
            until: String(h.until).slice(0, 10),
            orderId: h.order_id,
            reason: h.reason,
          })),
          hasConsentEvents: false,
        },
        'request',
        now,
      );
      const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
      for (const r of retained) {
        const kept = plan.kept.find((k) => k.field === r.field);
        await tx
          .updateTable('retained_fields')
          .set(kept ? { delete_after: kept.until, reason: kept.reason } : { delete_after: yesterday })
          .where('subject_id', '=', subjectId)
          .where('field', '=', r.field)
          .execute();
      }
    },

    /** Restriction (GDPR 18): the data is only stored until it is lifted. */
    async setRestriction(subjectId: string, restricted: boolean, reason: string | null, actor: Actor) {
      const subject = await subjectOf(subjectId);
      if (subject.erased_at)
        throw new DomainError('subject_erased', 'The customer has been erased: there is nothing to restrict');
      if (!!subject.restricted_at === restricted) return { restricted, changed: false };
      await tx
        .updateTable('subjects')
        .set({ restricted_at: restricted ? new Date() : null })
        .where('id', '=', subjectId)
        .execute();
      await appendEvents(tx, register.controllerId, actor, [
        {
          registerId: register.id,
          subjectId,
          action: restricted ? 'subject.restricted' : 'subject.restriction_lifted',
          purpose: reason ? `restriction: ${reason.slice(0, 150)}` : 'restriction',
          fields: [],
        },
      ]);
      if (restricted) {
        for (const r of register.description.recipients) {
          await tx
            .insertInto('recipient_notifications')
            .values({
              controller_id: register.controllerId,
              register_id: register.id,
              subject_id: subjectId,
              recipient: r.name,
              event: 'restricted',
              fields: r.fields,
            })
            .execute();
        }
      }
      return { restricted, changed: true };
    },

    async erase(subjectId: string, options: EraseOptions): Promise<ErasureReport> {
      await subjectOf(subjectId);
      const reports = await eraseSubjects(tx, register, [subjectId], options);
      return reports.get(subjectId)!;
    },
  };
}
