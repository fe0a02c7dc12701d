import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import type { ContactChannel } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import { invalid, notFound, type FieldProblem } from '../../errors.ts';
import { pathId } from '../../http/ids.ts';
import { requirePermission } from '../../http/staff-auth.ts';
import { appendEvents } from '../audit/audit.service.ts';
import { pick } from '../registers/localized.ts';
import { registerService } from '../registers/register.service.ts';
import {
  CHANNELS,
  CONSENT_KINDS,
  decide,
  purposeInfo,
  purposeKeys,
  SALE_AND_SHARING,
  STANDARD_PURPOSES,
} from './consent-rules.ts';
import { consentService, permissionTable } from './consent.service.ts';
import { unsubscribeToken } from './unsubscribe-token.ts';
import { finnishMidnight, todayInFinland } from '../../finnish-time.ts';

const registerParams = z.object({ controllerId: z.string(), registerId: z.string() });
const subjectParams = registerParams.extend({ subjectId: z.string() });

/** Columns of the marketing list for each channel: only what the channel needs. */
const LIST_COLUMNS: Record<ContactChannel, string[]> = {
  email: ['email'],
  sms: ['phone'],
  phone: ['phone'],
  post: ['street', 'postalCode', 'city', 'country'],
};
const LIST_FIELDS: Record<ContactChannel, string[]> = {
  email: ['firstName', 'lastName', 'organisation.name', 'email'],
  sms: ['firstName', 'lastName', 'organisation.name', 'phone'],
  phone: ['firstName', 'lastName', 'organisation.name', 'phone'],
  post: [
    'firstName',
    'lastName',
    'organisation.name',
    'address.street',
    'address.postalCode',
    'address.city',
    'address.country',
  ],
};

export function consentConsoleRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database, secretBox, config } = deps;
  const db = database.db;
  return async (app) => {
    app.get(
      '/api/v1/controllers/:controllerId/registers/:registerId/customers/:subjectId/permissions',
      {
        schema: {
          tags: ['consents'],
          summary: "A customer's marketing permissions now, and the whole ledger with its proof; the look is recorded",
          params: subjectParams,
          querystring: z.object({ purpose: z.string().trim().min(1).max(200).default('customer_service') }).strict(),
        },
      },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const registerId = pathId(request.params.registerId, 'Register');
        const subjectId = pathId(request.params.subjectId, 'Customer');
        const actor = await requirePermission(db, request, controllerId, 'customer.read');
        const register = await registerService(db).loadForController(controllerId, registerId);
        return inTenant(db, controllerId, async (tx) => {
          const consents = consentService(tx);
          const [standing] = await consents.standings(registerId, { subjectId }, null);
          if (!standing) throw notFound('Customer');
          await appendEvents(tx, controllerId, { type: 'staff', id: actor.staffId }, [
            {
              registerId,
              subjectId,
              action: 'customer.permissions_viewed',
              purpose: request.query.purpose,
              fields: ['marketingPermissions'],
            },
          ]);
          const history = await consents.history(subjectId);
          const staffIds = [...new Set(history.map((e) => e.recorded_by).filter((x): x is string => !!x))];
          const staff = staffIds.length
            ? await tx.selectFrom('staff_accounts').select(['id', 'email']).where('id', 'in', staffIds).execute()
            : [];
          const staffEmail = new Map(staff.map((s) => [s.id, s.email]));
          return {
            purposes: purposeKeys(register.description).map((key) => {
              const declared = register.description.purposes.find((p) => p.key === key);
              return {
                key,
                standard: (STANDARD_PURPOSES as readonly string[]).includes(key),
                name: declared ? declared.name : null,
              };
            }),
            channels: CHANNELS,
            state: permissionTable(register, standing).map(({ channel, purpose, decision }) => ({
              channel,
              purpose,
              allowed: decision.allowed,
              reason: decision.reason,
              rule: decision.rule,
              eventId: decision.event?.id ?? null,
            })),
            events: history.map((e) => ({
              id: e.id,
              kind: e.kind,
              channel: e.channel,
              purpose: e.purpose,
              source: e.source,
              noticeVersion: e.notice_version,
              occurredAt: new Date(e.occurred_at).toISOString(),
              recordedAt: new Date(e.recorded_at).toISOString(),
              ip: e.ip,
              recordedBy: e.recorded_by ? (staffEmail.get(e.recorded_by) ?? e.recorded_by) : null,
              evidence: e.evidence,
            })),
          };
        });
      },
    );

    app.post(
      '/api/v1/controllers/:controllerId/registers/:registerId/customers/:subjectId/consents',
      {
        schema: {
          tags: ['consents'],
          summary: 'Record a consent, withdrawal, prohibition or objection the customer sent by letter',
          description:
            'The ledger only grows: a mistake is corrected by recording the opposite event, never by deleting one.',
          params: subjectParams,
          body: z
            .object({
              kind: z.enum(CONSENT_KINDS),
              channel: z.enum([...CHANNELS, 'all']),
              purposes: z.array(z.string().trim().min(1).max(63)).min(1).max(50),
              letterDate: z.iso.date(),
              note: z.string().trim().max(1000).optional(),
            })
            .strict(),
          response: { 201: z.object({ ids: z.array(z.string()) }) },
        },
      },
      async (request, reply) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const registerId = pathId(request.params.registerId, 'Register');
        const subjectId = pathId(request.params.subjectId, 'Customer');
        const actor = await requirePermission(db, request, controllerId, 'consent.record');
        const register = await registerService(db).loadForController(controllerId, registerId);
        const body = request.body;
        const problems: FieldProblem[] = [];
        body.purposes.forEach((p, i) => {
          if (p !== SALE_AND_SHARING && !purposeInfo(register.description, p))
            problems.push({
              field: `purposes.${i}`,
              code: 'unknown_purpose',
              message: `is not a purpose of this register: ${p}`,
            });
        });
        if (body.letterDate > todayInFinland())
          problems.push({ field: 'letterDate', code: 'in_the_future', message: 'is in the future' });
        if (problems.length > 0) throw invalid(problems);

        const ids = await inTenant(db, controllerId, async (tx) => {
          const consents = consentService(tx);
          const [standing] = await consents.standings(registerId, { subjectId }, null);
          if (!standing) throw notFound('Customer');
          const occurredAt = new Date(Math.min(finnishMidnight(body.letterDate).getTime(), Date.now()));
          const ids = await consents.record(
            [...new Set(body.purposes)].map((purpose) => ({
              controllerId,
              registerId,
              subjectId,
              kind: body.kind,
              channel: body.channel === 'all' ? null : body.channel,
              purpose,
              source: 'console_letter' as const,
              noticeVersion: register.version,
              occurredAt,
              recordedBy: actor.staffId,
              evidence: { letterDate: body.letterDate, ...(body.note ? { note: body.note } : {}) },
            })),
          );
          await appendEvents(tx, controllerId, { type: 'staff', id: actor.staffId }, [
            {
              registerId,
              subjectId,
              action: 'consent.recorded',
              purpose: 'consent_management',
              fields: ['marketingPermissions'],
            },
          ]);
          return ids;
        });
        return reply.code(201).send({ ids });
      },
    );

    app.get(
      '/api/v1/controllers/:controllerId/registers/:registerId/marketing-list',
      {
        schema: {
          tags: ['consents'],
          summary: 'CSV of the customers who may be contacted on a channel for a purpose; the export is recorded',
          params: registerParams,
          querystring: z.object({ channel: z.enum(CHANNELS), purpose: z.string().trim().min(1).max(63) }).strict(),
        },
      },
      async (request, reply) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const registerId = pathId(request.params.registerId, 'Register');
        const actor = await requirePermission(db, request, controllerId, 'marketing.export');
        const register = await registerService(db).loadForController(controllerId, registerId);
        const { channel } = request.query;
        const info = purposeInfo(register.description, request.query.purpose);
        if (!info)
          throw invalid([{ field: 'purpose', code: 'unknown_purpose', message: 'is not a purpose of this register' }]);
        const declared = register.description.purposes.find((p) => p.key === info.key);
        const staffActor = { type: 'staff' as const, id: actor.staffId };
        const fields = LIST_FIELDS[channel];

        const csv = stringify({
          header: true,
          columns: [
            'subjectId',
            'firstName',
            'lastName',
            'organisation',
            ...LIST_COLUMNS[channel],
            'reason',
            'basisSince',
            'unsubscribeUrl',
          ],
        });
        const produce = async () => {
          let after: string | null = null;
          let exported = 0;
          for (;;) {
            const page = await inTenant(db, controllerId, async (tx) => {
              const rows = await consentService(tx).standingsPage(registerId, channel, after, 2000);
              const allowed = rows.filter((s) => {
                const d = decide({
                  subject: s,
                  events: s.events,
                  channel,
                  purpose: info,
                  existingCustomerMarketing: register.description.existingCustomerMarketing,
                });
                (s as typeof s & { decision?: typeof d }).decision = d;
                const r = s.row;
                const reachable =
                  channel === 'email' ? !!r.email : channel === 'post' ? !!(r.street && r.city) : !!r.phone;
                return d.allowed && reachable;
              });
              // Each customer on the list, and the export itself, go into the trail with the page that read them.
              await appendEvents(
                tx,
                controllerId,
                staffActor,
                allowed.map((s) => ({
                  registerId,
                  subjectId: s.id,
                  action: 'marketing_list.exported',
                  purpose: info.key,
                  fields,
                })),
              );
              return { rows, allowed };
            });
            for (const s of page.allowed) {
              const r = s.row;
              const d = (s as typeof s & { decision: ReturnType<typeof decide> }).decision;
              const contact =
                channel === 'email'
                  ? [r.email]
                  : channel === 'post'
                    ? [r.street, r.postal_code, r.city, r.country]
                    : [r.phone];
              const token = unsubscribeToken(secretBox, { registerId, subjectId: s.id, channel, purpose: info.key });
              const ok = csv.write([
                s.id,
                r.first_name ?? '',
                r.last_name ?? '',
                r.org_name ?? '',
                ...contact.map((v) => v ?? ''),
                d.reason,
                d.event ? d.event.occurredAt.toISOString() : '',
                `${config.publicUrl}/unsubscribe/${token}`,
              ]);
              if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
            }
            exported += page.allowed.length;
            if (page.rows.length < 2000) break;
            after = page.rows[page.rows.length - 1]!.id;
          }
          await inTenant(db, controllerId, (tx) =>
            appendEvents(tx, controllerId, staffActor, [
              {
                registerId,
                action: 'marketing_list.exported',
                purpose: info.key,
                fields: [`channel:${channel}`, `rows:${exported}`],
              },
            ]),
          );
          csv.end();
        };
        produce().catch((error) => {
          request.log.error({ err: error }, 'marketing list export failed');
          csv.destroy(error as Error);
        });
        const name = `${declared ? pick(declared.name, 'en') : info.key}-${channel}-${todayInFinland()}`
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-');
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .header('cache-control', 'no-store')
          .send(csv);
      },
    );
  };
}
