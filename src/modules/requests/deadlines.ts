import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { RequestStatus } from '../../db/schema.ts';
import { todayInFinland } from '../../finnish-time.ts';

/** A request due within this many days (today included) is shown as due soon and mailed about. */
export const DUE_SOON_DAYS = 7;

export const CLOSED_STATUSES = ['done', 'partly_done', 'refused'] as const satisfies readonly RequestStatus[];

export type Urgency = 'overdue' | 'due_soon' | 'ok' | 'closed';

/**
 * The clock the desk's deadlines are read by. Everything about urgency takes "now" from here, so
 * that a test can move it forward a month instead of waiting for one.
 */
export const deadlineClock = { now: (): Date => new Date() };

/** A calendar date some days after another (negative: before). */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The Finnish calendar days that decide urgency as of an instant. */
export function deadlineWindow(now: Date): { today: string; soonUntil: string } {
  const today = todayInFinland(now);
  return { today, soonUntil: addDays(today, DUE_SOON_DAYS) };
}

export function isClosed(status: RequestStatus): boolean {
  return (CLOSED_STATUSES as readonly string[]).includes(status);
}

/** Overdue once the (extended) due date has passed in Finland; due soon from seven days before it. */
export function urgencyOf(status: RequestStatus, effectiveDueDate: string, now: Date): Urgency {
  if (isClosed(status)) return 'closed';
  const { today, soonUntil } = deadlineWindow(now);
  if (effectiveDueDate < today) return 'overdue';
  if (effectiveDueDate <= soonUntil) return 'due_soon';
  return 'ok';
}

/** The date a request must be answered by: an extension replaces the first month. */
export function effectiveDueDate(alias = 'r'): RawBuilder<string> {
  return sql<string>`COALESCE(${sql.ref(`${alias}.extended_due_date`)}, ${sql.ref(`${alias}.due_date`)})`;
}

/** The request short reference that mails and letters use: the start of its id, in capitals. */
export function requestReference(id: string): string {
  return id.slice(0, 8).toUpperCase();
}

export interface DeadlineCounts {
  open: number;
  overdue: number;
  dueSoon: number;
}

/** How many of the controller's requests are open, overdue and due soon (inside its tenant). */
export async function deadlineCounts(tx: Tx, controllerId: string, now: Date): Promise<DeadlineCounts> {
  const { today, soonUntil } = deadlineWindow(now);
  const due = effectiveDueDate();
  const row = await tx
    .selectFrom('requests as r')
    .select([
      sql<number>`count(*)::int`.as('open'),
      sql<number>`(count(*) FILTER (WHERE ${due} < ${today}::date))::int`.as('overdue'),
      sql<number>`(count(*) FILTER (WHERE ${due} >= ${today}::date AND ${due} <= ${soonUntil}::date))::int`.as(
        'dueSoon',
      ),
    ])
    .where('r.controller_id', '=', controllerId)
    .where('r.status', 'not in', CLOSED_STATUSES)
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), overdue: Number(row.overdue), dueSoon: Number(row.dueSoon) };
}
