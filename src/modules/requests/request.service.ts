import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { RequestChannel, RequestType } from '../../db/schema.ts';
import { addMonths, todayInFinland } from '../../finnish-time.ts';
import { appendEvents, type Actor } from '../audit/audit.service.ts';

/** GDPR 12(3): an answer within one month of receipt, counted in Finnish calendar days. */
export const ANSWER_WITHIN_MONTHS = 1;

export function dueDateFor(receivedAt: Date): string {
  return addMonths(todayInFinland(receivedAt), ANSWER_WITHIN_MONTHS);
}

export interface NewRequest {
  controllerId: string;
  registerId: string;
  subjectId: string | null;
  types: RequestType[];
  channel: RequestChannel;
  receivedAt: Date;
  identityMethod: 'portal' | 'email_round_trip' | 'e_id' | 'document' | null;
  language: 'fi' | 'sv' | 'en';
  email: string | null;
  name: string | null;
  message: string | null;
  details: Record<string, unknown>;
}

export interface RequestView {
  id: string;
  types: RequestType[];
  status: string;
  channel: string;
  receivedAt: string;
  dueDate: string;
  extendedDueDate: string | null;
  message: string | null;
  details: Record<string, unknown>;
  history: Array<{ at: string; status: string; note: string | null }>;
}

export function requestService(tx: Tx) {
  return {
    /** Records a request and its first state in the caller's transaction, with the audit event. */
    async create(
      input: NewRequest,
      actor: Actor,
    ): Promise<{ id: string; receivedAt: Date; dueDate: string; repeatedAccess: boolean }> {
      const types = [...new Set(input.types)];
      const verified = input.identityMethod !== null;
      const dueDate = dueDateFor(input.receivedAt);
      // GDPR 12(5) and the seeds: one access a year is free; another within a year is marked, for a fee or a refusal.
      let repeatedAccess = false;
      if (types.includes('access') && (input.subjectId || input.email)) {
        const yearBefore = new Date(input.receivedAt.getTime() - 365 * 86_400_000);
        const earlier = await tx
          .selectFrom('requests')
          .select('id')
          .where('controller_id', '=', input.controllerId)
          .where('types', '@>', sql<RequestType[]>`ARRAY['access']::text[]`)
          .where('received_at', '>', yearBefore)
          .where('received_at', '<=', input.receivedAt)
          .where((eb) =>
            eb.or([
              ...(input.subjectId ? [eb('subject_id', '=', input.subjectId)] : []),
              ...(input.email ? [eb(sql<string>`lower(email)`, '=', input.email.toLowerCase())] : []),
            ]),
          )
          .limit(1)
          .executeTakeFirst();
        repeatedAccess = earlier !== undefined;
      }
      const row = await tx
        .insertInto('requests')
        .values({
          controller_id: input.controllerId,
          register_id: input.registerId,
          subject_id: input.subjectId,
          types,
          channel: input.channel,
          received_at: input.receivedAt,
          due_date: dueDate,
          identity_status: verified ? 'verified' : 'unverified',
          identity_method: input.identityMethod,
          language: input.language,
          email: input.email,
          name: input.name,
          message: input.message,
          details: JSON.stringify(input.details),
          repeated_access: repeatedAccess,
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('request_parts')
        .values(types.map((type) => ({ request_id: row.id, controller_id: input.controllerId, type })))
        .execute();
      await tx
        .insertInto('request_events')
        .values({
          controller_id: input.controllerId,
          request_id: row.id,
          actor_type: actor.type,
          actor_id: actor.id,
          from_status: null,
          to_status: 'received',
          note: null,
        })
        .execute();
      await appendEvents(tx, input.controllerId, actor, [
        {
          registerId: input.registerId,
          subjectId: input.subjectId,
          action: 'request.received',
          purpose: 'data_subject_request',
          fields: types,
        },
      ]);
      return { id: row.id, receivedAt: input.receivedAt, dueDate, repeatedAccess };
    },

    /** A customer's requests with their progress, newest first. */
    async ofSubject(subjectId: string): Promise<RequestView[]> {
      const rows = await tx
        .selectFrom('requests')
        .selectAll()
        .where('subject_id', '=', subjectId)
        .orderBy('received_at', 'desc')
        .execute();
      if (rows.length === 0) return [];
      const events = await tx
        .selectFrom('request_events')
        .select(['request_id', 'at', 'to_status', 'note'])
        .where(
          'request_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('at')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        types: r.types,
        status: r.status,
        channel: r.channel,
        receivedAt: new Date(r.received_at).toISOString(),
        dueDate: r.extended_due_date ?? r.due_date,
        extendedDueDate: r.extended_due_date,
        message: r.message,
        details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
        history: events
          .filter((e) => e.request_id === r.id)
          .map((e) => ({ at: new Date(e.at).toISOString(), status: e.to_status, note: e.note })),
      }));
    },
  };
}
