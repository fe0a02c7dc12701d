import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { REQUEST_TYPES } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import { invalid, notFound } from '../../errors.ts';
import { todayInFinland } from '../../finnish-time.ts';
import { pathId } from '../../http/ids.ts';
import { requirePermission } from '../../http/staff-auth.ts';
import { appendEvents } from '../audit/audit.service.ts';
import { registerService } from '../registers/register.service.ts';
import type { Action } from '../staff/permissions.ts';
import { requestService } from './request.service.ts';
import { deadlineClock } from './deadlines.ts';
import { requestLetters } from './request-letters.service.ts';
import { allowedActions, requestWorkflow } from './request-workflow.ts';

const tags = ['requests'];
const controllerParams = z.object({ controllerId: z.string() });
const requestParams = controllerParams.extend({ requestId: z.string() });
const partParams = requestParams.extend({ type: z.enum(REQUEST_TYPES) });

const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'text/plain', 'message/rfc822'] as const;

const intakeBodySchema = z
  .object({
    registerId: z.string().uuid({ error: 'is not a register id' }),
    subjectId: z.string().uuid({ error: 'is not a customer id' }).nullish(),
    types: z.array(z.enum(REQUEST_TYPES)).min(1).max(REQUEST_TYPES.length),
    channel: z.enum(['letter', 'email', 'phone']),
    receivedOn: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }),
    language: z.enum(['fi', 'sv', 'en']).default('fi'),
    name: z.string().trim().max(200).nullish(),
    email: z.email({ error: 'is not a valid email address' }).max(254).nullish(),
    message: z.string().trim().max(5000).nullish(),
    document: z
      .object({
        fileName: z.string().trim().min(1).max(200),
        contentType: z.enum(DOCUMENT_TYPES),
        contentBase64: z.base64({ error: 'must be the file in base64' }),
      })
      .strict()
      .nullish(),
  })
  .strict();

const partSchema = z.object({
  type: z.enum(REQUEST_TYPES),
  status: z.string(),
  extendedDueDate: z.string().nullable(),
  extensionReason: z.string().nullable(),
  outcome: z.string().nullable(),
  refusalReasons: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  closedAt: z.string().nullable(),
});

const detailSchema = z.object({
  id: z.string(),
  registerId: z.string(),
  registerName: z.string(),
  subjectId: z.string().nullable(),
  types: z.array(z.enum(REQUEST_TYPES)),
  status: z.string(),
  channel: z.string(),
  receivedAt: z.string(),
  dueDate: z.string(),
  extendedDueDate: z.string().nullable(),
  identity: z.object({
    status: z.string(),
    method: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    note: z.string().nullable(),
  }),
  language: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  message: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  repeatedAccess: z.boolean(),
  assignedTo: z.object({ id: z.string(), email: z.string() }).nullable(),
  parts: z.array(partSchema),
  allowed: z.object({ verify: z.boolean(), startVerification: z.boolean(), answer: z.boolean(), extend: z.boolean() }),
  history: z.array(
    z.object({
      at: z.string(),
      actorType: z.string(),
      actorEmail: z.string().nullable(),
      from: z.string().nullable(),
      to: z.string(),
      note: z.string().nullable(),
    }),
  ),
  documents: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      letterKind: z.string().nullable(),
      language: z.string().nullable(),
      fileName: z.string(),
      contentType: z.string(),
      bytes: z.number().int(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
    }),
  ),
});

const stateSchema = z.object({ status: z.string() }).passthrough();

/** The requests desk in the console: log a request, verify, assign, extend, answer, refuse. */
export function requestConsoleRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const db = deps.database.db;
  const workflow = requestWorkflow({
    db,
    secretBox: deps.secretBox,
    mailer: deps.mailer,
    site: deps.config,
    now: () => deadlineClock.now(),
  });
  const now = () => deadlineClock.now();
  const letters = requestLetters({ mailer: deps.mailer, now });

  async function scope(request: FastifyRequest, action: Action) {
    const params = request.params as { controllerId: string; requestId?: string };
    const controllerId = pathId(params.controllerId, 'Controller');
    const requestId = params.requestId === undefined ? null : pathId(params.requestId, 'Request');
    const { staffId } = await requirePermission(db, request, controllerId, action);
    return { controllerId, requestId: requestId!, actor: { type: 'staff' as const, id: staffId } };
  }

  async function detail(controllerId: string, requestId: string, actor: { type: 'staff'; id: string }) {
    return inTenant(db, controllerId, async (tx) => {
      const r = await tx.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirst();
      if (!r) throw notFound('Request');
      const [register, parts, history, documents, assignee] = await Promise.all([
        tx.selectFrom('registers').select('name').where('id', '=', r.register_id).executeTakeFirstOrThrow(),
        tx.selectFrom('request_parts').selectAll().where('request_id', '=', requestId).orderBy('type').execute(),
        tx
          .selectFrom('request_events as e')
          .leftJoin('staff_accounts as s', (j) => j.on(sql<boolean>`s.id::text = e.actor_id`))
          .select(['e.at', 'e.actor_type', 's.email', 'e.from_status', 'e.to_status', 'e.note'])
          .where('e.request_id', '=', requestId)
          .orderBy('e.at')
          .execute(),
        tx
          .selectFrom('request_documents')
          .select([
            'id',
            'kind',
            'letter_kind',
            'language',
            'file_name',
            'content_type',
            'created_at',
            'sent_at',
            sql<number>`octet_length(content)`.as('bytes'),
          ])
          .where('request_id', '=', requestId)
          .orderBy('created_at')
          .execute(),
        r.assigned_to
          ? tx.selectFrom('staff_accounts').select(['id', 'email']).where('id', '=', r.assigned_to).executeTakeFirst()
          : Promise.resolve(undefined),
      ]);
      await appendEvents(tx, controllerId, actor, [
        {
          registerId: r.register_id,
          subjectId: r.subject_id,
          action: 'request.viewed',
          purpose: 'data_subject_request',
          fields: [],
        },
      ]);
      const details = (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>;
      const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
      return {
        id: r.id,
        registerId: r.register_id,
        registerName: register.name,
        subjectId: r.subject_id,
        types: r.types,
        status: r.status,
        channel: r.channel,
        receivedAt: iso(r.received_at)!,
        dueDate: r.extended_due_date ?? r.due_date,
        extendedDueDate: r.extended_due_date,
        identity: {
          status: r.identity_status,
          method: r.identity_method,
          verifiedAt: iso(r.verified_at),
          note: r.verification_note,
        },
        language: r.language,
        name: r.name,
        email: r.email,
        message: r.message,
        details: maskDetails(details),
        repeatedAccess: r.repeated_access,
        assignedTo: assignee ? { id: assignee.id, email: assignee.email } : null,
        parts: parts.map((p) => ({
          type: p.type,
          status: p.status,
          extendedDueDate: p.extended_due_date,
          extensionReason: p.extension_reason,
          outcome: p.outcome,
          refusalReasons: p.refusal_reasons,
          result: (typeof p.result === 'string' ? JSON.parse(p.result) : p.result) as Record<string, unknown> | null,
          closedAt: iso(p.closed_at),
        })),
        allowed: allowedActions({
          status: r.status,
          identityVerified: r.identity_status === 'verified',
          today: todayInFinland(now()),
          dueDate: r.due_date,
          parts: parts.map((p) => ({ type: p.type, status: p.status })),
        }),
        history: history.map((h) => ({
          at: iso(h.at)!,
          actorType: h.actor_type,
          actorEmail: h.email ?? null,
          from: h.from_status,
          to: h.to_status,
          note: h.note,
        })),
        documents: documents.map((d) => ({
          id: d.id,
          kind: d.kind,
          letterKind: d.letter_kind,
          language: d.language,
          fileName: d.file_name,
          contentType: d.content_type,
          bytes: Number(d.bytes),
          createdAt: iso(d.created_at)!,
          sentAt: iso(d.sent_at),
        })),
      };
    });
  }

  return async (app) => {
    app.post(
      '/api/v1/controllers/:controllerId/requests',
      {
        bodyLimit: Math.ceil(DOCUMENT_MAX_BYTES * 1.4) + 64 * 1024,
        schema: {
          tags,
          summary: 'Log a request received by letter, email or phone, with the date received and the document',
          params: controllerParams,
          body: intakeBodySchema,
          response: { 201: z.object({ id: z.string(), dueDate: z.string(), repeatedAccess: z.boolean() }) },
        },
      },
      async (request, reply) => {
        const { controllerId, actor } = await scope(request, 'requests.handle');
        const body = request.body;
        const problems = [];
        const today = todayInFinland(now());
        if (body.receivedOn > today)
          problems.push({ field: 'receivedOn', code: 'in_the_future', message: 'cannot be in the future' });
        let content: Buffer | null = null;
        if (body.document) {
          content = Buffer.from(body.document.contentBase64, 'base64');
          if (content.length === 0)
            problems.push({ field: 'document.contentBase64', code: 'too_small', message: 'the file is empty' });
          if (content.length > DOCUMENT_MAX_BYTES)
            problems.push({ field: 'document.contentBase64', code: 'too_big', message: 'at most 10 MB' });
        }
        if (problems.length > 0) throw invalid(problems);
        const created = await inTenant(db, controllerId, async (tx) => {
          await registerService(tx).loadForController(controllerId, body.registerId);
          if (body.subjectId) {
            const subject = await tx
              .selectFrom('subjects')
              .select('id')
              .where('id', '=', body.subjectId)
              .where('register_id', '=', body.registerId)
              .executeTakeFirst();
            if (!subject)
              throw invalid([{ field: 'subjectId', code: 'not_found', message: 'no such customer in the register' }]);
          }
          // Received in Finland on that day: noon keeps the date whatever the offset.
          const receivedAt = new Date(`${body.receivedOn}T12:00:00+02:00`);
          const made = await requestService(tx).create(
            {
              controllerId,
              registerId: body.registerId,
              subjectId: body.subjectId ?? null,
              types: body.types,
              channel: body.channel,
              receivedAt,
              identityMethod: null,
              language: body.language,
              email: body.email ?? null,
              name: body.name ?? null,
              message: body.message ?? null,
              details: {},
            },
            actor,
          );
          if (body.document && content)
            await tx
              .insertInto('request_documents')
              .values({
                controller_id: controllerId,
                request_id: made.id,
                kind: 'received',
                file_name: body.document.fileName,
                content_type: body.document.contentType,
                content,
                created_by: actor.id,
              })
              .execute();
          // The person hears that the request arrived and when it will be answered.
          const ack = await letters.issue(tx, made.id, { kind: 'acknowledgement' }, actor);
          return { ...made, letterId: ack.documentId };
        });
        await letters.deliver(db, controllerId, created.letterId);
        return reply
          .code(201)
          .send({ id: created.id, dueDate: created.dueDate, repeatedAccess: created.repeatedAccess });
      },
    );

    app.get(
      '/api/v1/controllers/:controllerId/requests/:requestId',
      {
        schema: {
          tags,
          summary: 'A request with its parts, history, documents and what may be done next; the look is recorded',
          params: requestParams,
          response: { 200: detailSchema },
        },
      },
      async (request) => {
        const { controllerId, requestId, actor } = await scope(request, 'requests.read');
        return detail(controllerId, requestId, actor);
      },
    );

    app.get(
      '/api/v1/controllers/:controllerId/requests/:requestId/documents/:documentId',
      {
        schema: {
          tags,
          summary: 'A document kept with the request (the letter received, an export, a letter sent)',
          params: requestParams.extend({ documentId: z.string() }),
        },
      },
      async (request, reply) => {
        const { controllerId, requestId, actor } = await scope(request, 'requests.read');
        const documentId = pathId(request.params.documentId, 'Document');
        const doc = await inTenant(db, controllerId, async (tx) => {
          const row = await tx
            .selectFrom('request_documents as d')
            .innerJoin('requests as r', 'r.id', 'd.request_id')
            .select(['d.file_name', 'd.content_type', 'd.content', 'r.register_id', 'r.subject_id'])
            .where('d.id', '=', documentId)
            .where('d.request_id', '=', requestId)
            .executeTakeFirst();
          if (!row) throw notFound('Document');
          await appendEvents(tx, controllerId, actor, [
            {
              registerId: row.register_id,
              subjectId: row.subject_id,
              action: 'request.document_opened',
              purpose: 'data_subject_request',
              fields: [],
            },
          ]);
          return row;
        });
        return reply
          .header('content-type', doc.content_type)
          .header('content-disposition', `attachment; filename="${doc.file_name.replace(/["\\\r\n]/g, '_')}"`)
          .header('cache-control', 'no-store')
          .send(doc.content);
      },
    );

    const base = '/api/v1/controllers/:controllerId/requests/:requestId';

    app.post(
      `${base}/verification-start`,
      {
        schema: {
          tags,
          summary: 'Ask the person for proof of identity: the request moves to verifying',
          params: requestParams,
          response: { 200: stateSchema },
        },
      },
      async (request) => {
        const { controllerId, requestId, actor } = await scope(request, 'requests.handle');
        return workflow.startVerification(controllerId, requestId, actor);
      },
    );

    app.post(
      `${base}/verification`,
      {
        schema: {
          tags,
          summary: "Record how the person's identity was verified; only then may anything be disclosed or changed",
          params: requestParams,
          body: z
            .object({
              method: z.enum(['portal', 'email_round_trip', 'e_id', 'document']),
              note: z.string().trim().max(500).nullish(),
              subjectId: z.string().uuid({ error: 'is not a customer id' }).nullish(),
            })
            .strict(),
          response: { 200: stateSchema },
        },
      },
      async (request) => {
        const { controllerId, requestId, actor } = await scope(request, 'requests.handle');
        return workflow.verify(controllerId, requestId, request.body, actor);
      },
    );

    app.post(
      `${base}/assignment`,
      {
        schema: {
          tags,
          summary: 'Assign the request to a member of staff (null: nobody)',
          params: requestParams,
          body: z.object({ staffId: z.string().uuid({ error: 'is not a staff id' }).nullable() }).strict(),
          response: { 200: stateSchema },
        },
      },
      async (request) => {
        const { controllerId, requestId, actor } = await scope(request, 'requests.handle');
        return workflow.assign(controllerId, requestId, request.body.staffId, actor);
      },
    );

    app.post(
      `${base}/notes`,
      {
        schema: {
          tags,
          summary: 'Add a note to the request history',
          params: requestParams,
          body: z.object({ note: z.string().trim().min(1, { error: 'write the note' }).max(2000) }).strict(),
          response: { 200: stateSchema },
        },
      },
      async (request) => {
        const { controllerId, requestId, actor } = await scope(request, 'requests.handle');
        return workflow.note(controllerId, requestId, request.body.note, actor);
      },
    );

    app.post(
      `${base}/parts/:type/extension`,
      {
        schema: {
          tags,
          summary:
            'Extend one part by one or two months with a reason (within the first month); the person is notified',
          params: partParams,
          body: z.object({ months: z.number().int().min(1).max(2), reason: z.string().max(2000) }).strict(),
          response: { 200: stateSchema },
        },
      },
      async (request) => {
        const { controllerId, requestId, actor } = await scope(request, 'requests.handle');
        return workflow.extend(controllerId, requestId, request.params.type, request.body, actor);
      },
    );

    app.post(
      `${base}/parts/:type/completion`,
      {
        schema: {
          tags,
          summary: 'Answer one part by running its engine (export, correction, restriction, erasure, withdrawal)',
          description:
            'Needs the identity verified. An erasure that must keep something closes as partly done with the reasons. ' +
            'The person is sent the outcome letter (the export attached) or the refusal letter.',
          params: partParams,
          body: z
            .object({
              outcome: z.string().trim().max(2000).nullish(),
              changes: z
                .record(
                  z.string().max(64),
                  z.union([z.string().max(5000), z.array(z.string().max(100)).max(50), z.null()]),
                )
                .nullish(),
            })
            .strict(),
          response: { 200: stateSchema },
        },
      },
      async (request) => {
        const { controllerId, requestId, actor } = await scope(request, 'requests.handle');
        // Erasing through the desk needs the same right as erasing from the customer page.
        if (request.params.type === 'erasure') await requirePermission(db, request, controllerId, 'customer.erase');
        return workflow.complete(controllerId, requestId, request.params.type, request.body, actor);
      },
    );

    app.post(
      `${base}/parts/:type/refusal`,
      {
        schema: {
          tags,
          summary: 'Refuse one part with reasons; the refusal letter names the right to complain to the Ombudsman',
          params: partParams,
          body: z.object({ reasons: z.string().max(5000) }).strict(),
          response: { 200: stateSchema },
        },
      },
      async (request) => {
        const { controllerId, requestId, actor } = await scope(request, 'requests.handle');
        return workflow.refuse(controllerId, requestId, request.params.type, request.body, actor);
      },
    );
  };
}

/** A sealed identity code in a request's details is shown masked only. */
function maskDetails(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if (k === 'personalIdentityCode' && v && typeof v === 'object') out[k] = (v as { masked?: string }).masked ?? null;
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = maskDetails(v as Record<string, unknown>);
    else out[k] = v;
  }
  return out;
}
