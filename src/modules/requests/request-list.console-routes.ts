import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import { invalid } from '../../errors.ts';
import { pathId } from '../../http/ids.ts';
import { requirePermission, requireSession } from '../../http/staff-auth.ts';
import { appendEvents } from '../audit/audit.service.ts';
import { may } from '../staff/permissions.ts';
import {
  CLOSED_STATUSES,
  deadlineClock,
  deadlineCounts,
  effectiveDueDate,
  urgencyOf,
  type Urgency,
} from './deadlines.ts';

const STATES = ['open', 'closed', 'all'] as const;
type State = (typeof STATES)[number];

const countsSchema = z.object({ open: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int() });

const itemSchema = z.object({
  id: z.string(),
  registerId: z.string(),
  registerName: z.string(),
  types: z.array(z.enum(REQUEST_TYPES)),
  status: z.enum(REQUEST_STATUSES),
  channel: z.string(),
  receivedAt: z.string(),
  dueDate: z.string().describe('The date to answer by: the extended due date when the request was extended'),
  extended: z.boolean(),
  identityStatus: z.enum(['unverified', 'verified']),
  assignedTo: z.object({ id: z.string(), email: z.string() }).nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  urgency: z.enum(['overdue', 'due_soon', 'ok', 'closed']) satisfies z.ZodType<Urgency>,
});

/**
 * Where a page ended. Open requests page by (due date, received, id) ascending; closed and all
 * by (received, id) descending. The received instant is kept to the microsecond as the database
 * has it, so that two requests received in the same millisecond are neither skipped nor repeated.
 */
interface Cursor {
  state: State;
  due: string | null;
  received: string;
  id: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.state, cursor.due, cursor.received, cursor.id])).toString('base64url');
}

function decodeCursor(value: string, state: State): Cursor {
  const bad = () =>
    invalid([{ field: 'cursor', code: 'invalid_cursor', message: 'is not a nextCursor of this list and state' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw bad();
  const [s, due, received, id] = parsed as unknown[];
  if (s !== state || typeof received !== 'string' || !INSTANT.test(received)) throw bad();
  if (typeof id !== 'string' || !UUID.test(id)) throw bad();
  if (state === 'open' ? typeof due !== 'string' || !DAY.test(due) || Number.isNaN(Date.parse(due)) : due !== null)
    throw bad();
  return { state, due: due as string | null, received, id };
}

/**
 * The desk's list of requests, by the date they must be answered by, with what is overdue and
 * what is due soon; and the overdue count of each controller for the console's first page.
 */
export function requestListConsoleRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const db = deps.database.db;
  return async (app) => {
    app.get(
      '/api/v1/controllers/:controllerId/requests',
      {
        schema: {
          tags: ['requests'],
          summary: "The controller's requests: open ones by due date (oldest first), with urgency; keyset paging",
          description:
            'urgency: overdue when the (extended) due date has passed in Finland, due_soon when it is within seven ' +
            'days (today included), closed once done, partly done or refused. counts are of the open requests, ' +
            'whatever the page. The list shows names and emails: each look is recorded as requests.listed.',
          params: z.object({ controllerId: z.string() }),
          querystring: z
            .object({
              state: z.enum(STATES).default('open'),
              cursor: z.string().max(400).optional(),
              limit: z.coerce.number().int().min(1).max(200).default(50),
            })
            .strict(),
          response: {
            200: z.object({ items: z.array(itemSchema), nextCursor: z.string().nullable(), counts: countsSchema }),
          },
        },
      },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const { staffId } = await requirePermission(db, request, controllerId, 'requests.read');
        const { state, limit } = request.query;
        const after = request.query.cursor !== undefined ? decodeCursor(request.query.cursor, state) : null;
        const now = deadlineClock.now();
        const due = effectiveDueDate();
        const receivedKey = sql<string>`to_char(r.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
        return inTenant(db, controllerId, async (tx) => {
          let query = tx
            .selectFrom('requests as r')
            .innerJoin('registers as g', 'g.id', 'r.register_id')
            .leftJoin('staff_accounts as s', 's.id', 'r.assigned_to')
            .select([
              'r.id',
              'r.register_id',
              'g.name as register_name',
              'r.types',
              'r.status',
              'r.channel',
              'r.received_at',
              'r.extended_due_date',
              'r.identity_status',
              'r.assigned_to',
              's.email as assigned_email',
              'r.name',
              'r.email',
              due.as('due'),
              receivedKey.as('received_key'),
            ])
            .where('r.controller_id', '=', controllerId);
          if (state === 'open') query = query.where('r.status', 'not in', CLOSED_STATUSES);
          if (state === 'closed') query = query.where('r.status', 'in', CLOSED_STATUSES);
          if (state === 'open') {
            if (after)
              query = query.where(
                sql<boolean>`(${due}, r.received_at, r.id) > (${after.due}::date, ${after.received}::timestamptz, ${after.id}::uuid)`,
              );
            query = query.orderBy(due, 'asc').orderBy('r.received_at', 'asc').orderBy('r.id', 'asc');
          } else {
            if (after)
              query = query.where(
                sql<boolean>`(r.received_at, r.id) < (${after.received}::timestamptz, ${after.id}::uuid)`,
              );
            query = query.orderBy('r.received_at', 'desc').orderBy('r.id', 'desc');
          }
          const rows = await query.limit(limit + 1).execute();
          const page = rows.slice(0, limit);
          const last = page.at(-1);
          const counts = await deadlineCounts(tx, controllerId, now);
          await appendEvents(tx, controllerId, { type: 'staff', id: staffId }, [
            { action: 'requests.listed', purpose: 'data_subject_request', fields: ['name', 'email'] },
          ]);
          return {
            items: page.map((r) => ({
              id: r.id,
              registerId: r.register_id,
              registerName: r.register_name,
              types: r.types,
              status: r.status,
              channel: r.channel,
              receivedAt: new Date(r.received_at).toISOString(),
              dueDate: r.due,
              extended: r.extended_due_date !== null,
              identityStatus: r.identity_status,
              assignedTo: r.assigned_to ? { id: r.assigned_to, email: r.assigned_email ?? '' } : null,
              name: r.name,
              email: r.email,
              urgency: urgencyOf(r.status, r.due, now),
            })),
            nextCursor:
              rows.length > limit && last
                ? encodeCursor({
                    state,
                    due: state === 'open' ? last.due : null,
                    received: last.received_key,
                    id: last.id,
                  })
                : null,
            counts,
          };
        });
      },
    );

    app.get(
      '/api/v1/request-deadlines',
      {
        schema: {
          tags: ['requests'],
          summary: 'For each controller whose requests the person may read: open, overdue and due-soon requests',
          description: "The console's first page shows the overdue count of each controller. Counts only, no names.",
          response: { 200: z.object({ items: z.array(countsSchema.extend({ controllerId: z.string() })) }) },
        },
      },
      async (request) => {
        const session = requireSession(request);
        const memberships = await db
          .selectFrom('memberships as m')
          .innerJoin('controllers as c', 'c.id', 'm.controller_id')
          .select(['m.controller_id', 'm.role', 'c.require_totp'])
          .where('m.staff_id', '=', session.staffId)
          .orderBy('m.controller_id')
          .execute();
        const now = deadlineClock.now();
        const items = [];
        for (const m of memberships) {
          // The same rule as requirePermission: no count where the list itself would be refused.
          if (!may(m.role, 'requests.read') || (m.require_totp && !session.secondFactor)) continue;
          const counts = await inTenant(db, m.controller_id, (tx) => deadlineCounts(tx, m.controller_id, now));
          items.push({ controllerId: m.controller_id, ...counts });
        }
        return { items };
      },
    );
  };
}
