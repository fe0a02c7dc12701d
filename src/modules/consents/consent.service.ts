import { sql } from 'kysely';
import type { Database, Tx } from '../../db/database.ts';
import type { ConsentKind, ConsentSource, ContactChannel } from '../../db/schema.ts';
import { invalid, type FieldProblem } from '../../errors.ts';
import type { LoadedRegister } from '../registers/register.service.ts';
import {
  CHANNELS,
  decide,
  purposeInfo,
  purposeKeys,
  SALE_AND_SHARING,
  type Decision,
  type LedgerEvent,
  type PurposeInfo,
  type SubjectStanding,
} from './consent-rules.ts';

export interface NewConsentEvent {
  controllerId: string;
  registerId: string;
  subjectId: string;
  kind: ConsentKind;
  channel: ContactChannel | null;
  purpose: string;
  source: ConsentSource;
  noticeVersion: number | null;
  occurredAt: Date;
  ip?: string | null;
  recordedBy?: string | null;
  evidence?: Record<string, unknown>;
}

/** Clocks differ a little between a shop and us; beyond this a time in the future is an error. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface StandingRow extends SubjectStanding {
  id: string;
  events: LedgerEvent[];
}

interface RawStanding {
  id: string;
  kind: 'person' | 'organisation';
  restricted_at: Date | string | null;
  erased_at: Date | string | null;
  has_orders: boolean;
  events: unknown[] | string;
}

type RawEvent = Omit<LedgerEvent, 'occurredAt'> & { occurredAt: string };

function toStanding(r: RawStanding): StandingRow {
  const events = (typeof r.events === 'string' ? JSON.parse(r.events) : r.events) as RawEvent[];
  return {
    id: r.id,
    kind: r.kind,
    restrictedAt: r.restricted_at ? new Date(r.restricted_at) : null,
    erasedAt: r.erased_at ? new Date(r.erased_at) : null,
    hasOrders: r.has_orders,
    events: events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })),
  };
}

/** A customer's ledger events as the rules read them (LedgerEvent), aggregated into one JSON array. */
const LEDGER_JSON = `json_agg(json_build_object(
  'id', e.id, 'seq', e.seq, 'kind', e.kind, 'channel', e.channel, 'purpose', e.purpose,
  'source', e.source, 'noticeVersion', e.notice_version, 'occurredAt', e.occurred_at))`;

/** The subject columns and ledger the rules need, for customers picked by `where`. */
function standingQuery(channel: ContactChannel | null) {
  const channelFilter = channel === null ? sql`TRUE` : sql`(e.channel IS NULL OR e.channel = ${channel})`;
  return sql`
    SELECT s.id, s.kind, s.restricted_at, s.erased_at, s.email_key, s.phone,
      EXISTS (SELECT 1 FROM orders o WHERE o.subject_id = s.id) AS has_orders,
      COALESCE((
        SELECT ${sql.raw(LEDGER_JSON)}
        FROM consent_events e WHERE e.subject_id = s.id AND ${channelFilter}
      ), '[]'::json) AS events
    FROM subjects s`;
}

export type Lookup = { email: string } | { phone: string } | { subjectId: string };

const FAST_HEAD = `
  SELECT s.id, s.kind, s.restricted_at, s.erased_at, s.email_key, s.phone,
    EXISTS (SELECT 1 FROM orders o WHERE o.subject_id = s.id AND o.controller_id = $1) AS has_orders,
    COALESCE((
      SELECT ${LEDGER_JSON}
      FROM consent_events e WHERE e.subject_id = s.id AND e.controller_id = $1 AND (e.channel IS NULL OR e.channel = $4)
    ), '[]'::json) AS events
  FROM subjects s WHERE s.controller_id = $1 AND s.register_id = $2`;
const FAST = {
  email: `${FAST_HEAD} AND s.email_key = $3 LIMIT 1`,
  phone: `${FAST_HEAD} AND s.phone = $3 ORDER BY s.created_at LIMIT 20`,
  subjectId: `${FAST_HEAD} AND s.id = $3::uuid LIMIT 1`,
};

/** The contact check's read: one prepared statement under row-level security (see Database.tenantRead). */
export async function standingsFor(
  database: Database,
  controllerId: string,
  registerId: string,
  lookup: Lookup,
  channel: ContactChannel,
): Promise<StandingRow[]> {
  const [kind, value] =
    'email' in lookup
      ? (['email', lookup.email.trim().toLowerCase()] as const)
      : 'phone' in lookup
        ? (['phone', lookup.phone] as const)
        : (['subjectId', lookup.subjectId] as const);
  const rows = await database.tenantRead<RawStanding>(controllerId, {
    name: `omadata_contact_check_${kind}`,
    text: FAST[kind],
    values: [controllerId, registerId, value, channel],
  });
  return rows.map(toStanding);
}

export function consentService(db: Tx) {
  return {
    async record(events: NewConsentEvent[]): Promise<string[]> {
      if (events.length === 0) return [];
      const limit = Date.now() + CLOCK_SKEW_MS;
      const problems: FieldProblem[] = [];
      events.forEach((e, i) => {
        if (e.occurredAt.getTime() > limit)
          problems.push({ field: `events.${i}.occurredAt`, code: 'in_the_future', message: 'is in the future' });
      });
      if (problems.length > 0) throw invalid(problems);
      const rows = await db
        .insertInto('consent_events')
        .values(
          events.map((e) => ({
            controller_id: e.controllerId,
            register_id: e.registerId,
            subject_id: e.subjectId,
            kind: e.kind,
            channel: e.channel,
            purpose: e.purpose,
            source: e.source,
            notice_version: e.noticeVersion,
            occurred_at: e.occurredAt,
            ip: e.ip ?? null,
            recorded_by: e.recordedBy ?? null,
            evidence: JSON.stringify(e.evidence ?? {}),
          })),
        )
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },

    /** Customers found by one way of asking, with their ledger for the channel (null: all channels). */
    async standings(registerId: string, lookup: Lookup, channel: ContactChannel | null): Promise<StandingRow[]> {
      const where =
        'email' in lookup
          ? sql`s.email_key = ${lookup.email.trim().toLowerCase()}`
          : 'phone' in lookup
            ? sql`s.phone = ${lookup.phone}`
            : sql`s.id = ${lookup.subjectId}`;
      const result = await sql<RawStanding>`${standingQuery(channel)}
        WHERE s.register_id = ${registerId} AND ${where}
        ORDER BY s.created_at LIMIT 20`.execute(db);
      return result.rows.map(toStanding);
    },

    /** Many at once: customers whose email_key, phone or id is in the lists. */
    async standingsBatch(
      registerId: string,
      keys: { emails: string[]; phones: string[]; subjectIds: string[] },
      channel: ContactChannel,
    ): Promise<Array<StandingRow & { emailKey: string | null; phone: string | null }>> {
      const matches = [
        keys.emails.length > 0 ? sql`s.email_key = ANY(${keys.emails}::text[])` : null,
        keys.phones.length > 0 ? sql`s.phone = ANY(${keys.phones}::text[])` : null,
        keys.subjectIds.length > 0 ? sql`s.id = ANY(${keys.subjectIds}::uuid[])` : null,
      ].filter((m) => m !== null);
      if (matches.length === 0) return [];
      const result = await sql<RawStanding & { email_key: string | null; phone: string | null }>`
        ${standingQuery(channel)}
        WHERE s.register_id = ${registerId} AND (${sql.join(matches, sql` OR `)})`.execute(db);
      return result.rows.map((r) => ({ ...toStanding(r), emailKey: r.email_key, phone: r.phone }));
    },

    /** A page of the register for the marketing list, in id order after `after`. */
    async standingsPage(
      registerId: string,
      channel: ContactChannel,
      after: string | null,
      limit: number,
    ): Promise<Array<StandingRow & { row: ListRow }>> {
      const result = await sql<RawStanding & ListRow>`
        SELECT st.*, s2.first_name, s2.last_name, s2.org_name, s2.email, s2.phone, s2.street, s2.postal_code,
               s2.city, s2.country
        FROM (${standingQuery(channel)}
          WHERE s.register_id = ${registerId} ${after ? sql`AND s.id > ${after}` : sql``}
          ORDER BY s.id LIMIT ${limit}) st
        JOIN subjects s2 ON s2.id = st.id
        ORDER BY st.id`.execute(db);
      return result.rows.map((r) => ({ ...toStanding(r), row: r }));
    },

    /** The whole ledger of one customer, newest first, with its proof. */
    async history(subjectId: string) {
      return db
        .selectFrom('consent_events')
        .selectAll()
        .where('subject_id', '=', subjectId)
        .orderBy('occurred_at', 'desc')
        .orderBy('seq', 'desc')
        .limit(1000)
        .execute();
    },
  };
}

export interface ListRow {
  first_name: string | null;
  last_name: string | null;
  org_name: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
}

/** Decides for each customer found; with several, a no from any of them wins. */
export function decideFor(
  register: LoadedRegister,
  standings: StandingRow[],
  channel: ContactChannel,
  purpose: PurposeInfo,
): { decision: Decision; subjectId: string | null } {
  if (standings.length === 0) {
    return {
      decision: decide({
        subject: null,
        events: [],
        channel,
        purpose,
        existingCustomerMarketing: register.description.existingCustomerMarketing,
      }),
      subjectId: null,
    };
  }
  const decisions = standings.map((s) => ({
    subjectId: s.id,
    decision: decide({
      subject: s,
      events: s.events,
      channel,
      purpose,
      existingCustomerMarketing: register.description.existingCustomerMarketing,
    }),
  }));
  return decisions.find((d) => !d.decision.allowed) ?? decisions[0]!;
}

/** The permission for every channel and purpose of the register, as the console shows it. */
export function permissionTable(register: LoadedRegister, standing: StandingRow) {
  const rows: Array<{ channel: ContactChannel; purpose: string; decision: Decision }> = [];
  for (const purpose of purposeKeys(register.description)) {
    const info = purposeInfo(register.description, purpose)!;
    for (const channel of CHANNELS) {
      rows.push({
        channel,
        purpose,
        decision: decide({
          subject: standing,
          events: standing.events,
          channel,
          purpose: info,
          existingCustomerMarketing: register.description.existingCustomerMarketing,
        }),
      });
    }
  }
  return rows;
}

export { SALE_AND_SHARING };
