import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import type { ContactChannel } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import { invalid, type FieldProblem } from '../../errors.ts';
import { principalOf, requireApiKey } from '../../http/api-key-auth.ts';
import { pathId } from '../../http/ids.ts';
import { normalizePhone } from '../../validation/phone.ts';
import { readAuditFor } from '../audit/read-audit.ts';
import { registerService, type LoadedRegister } from '../registers/register.service.ts';
import { CHANNELS, purposeInfo, REASONS, type Decision, type PurposeInfo } from './consent-rules.ts';
import { consentService, decideFor, standingsFor, type Lookup } from './consent.service.ts';
import { unsubscribeToken } from './unsubscribe-token.ts';

export const BATCH_LIMIT = 10_000;

const basisEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  channel: z.enum(CHANNELS).nullable(),
  purpose: z.string(),
  source: z.string(),
  noticeVersion: z.number().int().nullable(),
  occurredAt: z.string(),
});

export const contactDecisionSchema = z.object({
  allowed: z.boolean(),
  reason: z.enum(REASONS as [string, ...string[]]),
  basis: z.object({ rule: z.string(), event: basisEventSchema.nullable() }),
  unsubscribeUrl: z.string().nullable(),
  subjectId: z.string().nullable(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const actorOf = (request: FastifyRequest) => ({ type: 'api_key' as const, id: principalOf(request).keyId });

async function loadRegister(deps: AppDeps, controllerId: string, registerId: string): Promise<LoadedRegister> {
  const service = registerService(deps.database.db);
  return (
    (await service.lastSeenForController(controllerId, registerId)) ??
    service.loadForController(controllerId, registerId)
  );
}

function purposeOf(register: LoadedRegister, key: string, field = 'purpose'): PurposeInfo {
  const info = purposeInfo(register.description, key);
  if (!info) {
    throw invalid([
      {
        field,
        code: 'unknown_purpose',
        message: `is neither a standard purpose nor a purpose of the register description: ${key}`,
      },
    ]);
  }
  return info;
}

export function contactCheckRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database, secretBox, config } = deps;
  const audit = readAuditFor(database.db);

  const toAnswer = (
    registerId: string,
    channel: ContactChannel,
    purpose: string,
    result: { decision: Decision; subjectId: string | null },
  ) => {
    const { decision, subjectId } = result;
    const e = decision.event;
    return {
      allowed: decision.allowed,
      reason: decision.reason,
      basis: {
        rule: decision.rule,
        event: e
          ? {
              id: e.id,
              kind: e.kind,
              channel: e.channel,
              purpose: e.purpose,
              source: e.source,
              noticeVersion: e.noticeVersion,
              occurredAt: e.occurredAt.toISOString(),
            }
          : null,
      },
      unsubscribeUrl:
        decision.allowed && subjectId
          ? `${config.publicUrl}/unsubscribe/${unsubscribeToken(secretBox, { registerId, subjectId, channel, purpose })}`
          : null,
      subjectId,
    };
  };

  return async (app) => {
    const auth = requireApiKey(database.db);

    app.get(
      '/api/v1/registers/:registerId/contact-check',
      {
        preHandler: auth,
        schema: {
          summary: 'May I contact this person? Asked before every marketing message',
          description:
            'Give exactly one of email, phone or subjectId. The answer names the rule that decided; ' +
            'when allowed it carries a signed one-click unsubscribe URL for the message (RFC 8058).',
          tags: ['consents'],
          security: [{ apiKey: [] }],
          params: z.object({ registerId: z.string() }),
          querystring: z
            .object({
              email: z.string().trim().min(3).max(254).optional(),
              phone: z.string().trim().min(3).max(40).optional(),
              subjectId: z.string().trim().optional(),
              channel: z.enum(CHANNELS),
              purpose: z.string().trim().min(1).max(63),
            })
            .strict(),
          response: { 200: contactDecisionSchema },
        },
      },
      async (request) => {
        const { controllerId } = principalOf(request);
        const registerId = pathId(request.params.registerId, 'Register');
        const q = request.query;
        const register = await loadRegister(deps, controllerId, registerId);
        const given = (['email', 'phone', 'subjectId'] as const).filter((k) => q[k] !== undefined);
        const problems: FieldProblem[] = [];
        if (given.length !== 1) {
          for (const field of given.length === 0 ? ['email'] : given.slice(1))
            problems.push({ field, code: 'one_of', message: 'give exactly one of email, phone or subjectId' });
        }
        let lookup: Lookup | null = null;
        if (q.email !== undefined) lookup = { email: q.email };
        if (q.phone !== undefined) {
          const phone = normalizePhone(q.phone);
          if (!phone) problems.push({ field: 'phone', code: 'invalid_phone', message: 'is not a valid phone number' });
          else lookup = { phone };
        }
        if (q.subjectId !== undefined) {
          if (!UUID.test(q.subjectId))
            problems.push({ field: 'subjectId', code: 'invalid_id', message: 'is not a subject id' });
          else lookup = { subjectId: q.subjectId.toLowerCase() };
        }
        let purpose: PurposeInfo | null = null;
        try {
          purpose = purposeOf(register, q.purpose);
        } catch {
          problems.push({ field: 'purpose', code: 'unknown_purpose', message: `is not a purpose of this register` });
        }
        if (problems.length > 0 || !lookup || !purpose) throw invalid(problems);

        const standings = await standingsFor(database, controllerId, registerId, lookup, q.channel);
        audit.add(
          controllerId,
          actorOf(request),
          standings.map((s) => ({
            registerId,
            subjectId: s.id,
            action: 'contact.checked',
            purpose: q.purpose,
            fields: ['marketingPermissions'],
          })),
        );
        return toAnswer(registerId, q.channel, q.purpose, decideFor(register, standings, q.channel, purpose));
      },
    );

    const list = (max: number) => z.array(z.string().trim().min(1).max(254)).max(max).optional();
    app.post(
      '/api/v1/registers/:registerId/contact-check',
      {
        preHandler: auth,
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          summary: 'The contact check for up to 10,000 people at once',
          description: 'Answers in the order asked: emails first, then phones, then subject ids.',
          tags: ['consents'],
          security: [{ apiKey: [] }],
          params: z.object({ registerId: z.string() }),
          body: z
            .object({
              channel: z.enum(CHANNELS),
              purpose: z.string().trim().min(1).max(63),
              emails: list(BATCH_LIMIT),
              phones: list(BATCH_LIMIT),
              subjectIds: list(BATCH_LIMIT),
            })
            .strict()
            .superRefine((b, ctx) => {
              const total = (b.emails?.length ?? 0) + (b.phones?.length ?? 0) + (b.subjectIds?.length ?? 0);
              if (total === 0)
                ctx.addIssue({
                  code: 'custom',
                  path: ['emails'],
                  message: 'give at least one email, phone or subjectId',
                });
              if (total > BATCH_LIMIT)
                ctx.addIssue({
                  code: 'custom',
                  path: ['emails'],
                  message: `at most ${BATCH_LIMIT} addresses in one batch (got ${total})`,
                });
            }),
          response: {
            200: z.object({
              results: z.array(
                contactDecisionSchema.extend({
                  email: z.string().optional(),
                  phone: z.string().optional(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { controllerId } = principalOf(request);
        const registerId = pathId(request.params.registerId, 'Register');
        const b = request.body;
        const register = await loadRegister(deps, controllerId, registerId);
        const problems: FieldProblem[] = [];
        let purpose: PurposeInfo | null = null;
        try {
          purpose = purposeOf(register, b.purpose);
        } catch {
          problems.push({ field: 'purpose', code: 'unknown_purpose', message: 'is not a purpose of this register' });
        }
        const emails = b.emails ?? [];
        const phones = (b.phones ?? []).map((p, i) => {
          const normalized = normalizePhone(p);
          if (!normalized)
            problems.push({ field: `phones.${i}`, code: 'invalid_phone', message: 'is not a valid phone number' });
          return normalized ?? '';
        });
        const subjectIds = (b.subjectIds ?? []).map((id, i) => {
          if (!UUID.test(id))
            problems.push({ field: `subjectIds.${i}`, code: 'invalid_id', message: 'is not a subject id' });
          return id.toLowerCase();
        });
        if (problems.length > 0 || !purpose) throw invalid(problems);
        const asked = purpose;

        const emailKeys = emails.map((e) => e.toLowerCase());
        const standings = await inTenant(database.db, controllerId, (tx) =>
          consentService(tx).standingsBatch(registerId, { emails: emailKeys, phones, subjectIds }, b.channel),
        );
        const byEmail = new Map<string, typeof standings>();
        const byPhone = new Map<string, typeof standings>();
        const byId = new Map<string, typeof standings>();
        const push = (
          map: Map<string, typeof standings>,
          key: string | null | undefined,
          s: (typeof standings)[number],
        ) => {
          if (!key) return;
          const list = map.get(key);
          if (list) list.push(s);
          else map.set(key, [s]);
        };
        for (const s of standings) {
          push(byEmail, s.emailKey, s);
          push(byPhone, s.phone, s);
          push(byId, s.id, s);
        }
        audit.add(
          controllerId,
          actorOf(request),
          standings.map((s) => ({
            registerId,
            subjectId: s.id,
            action: 'contact.checked',
            purpose: b.purpose,
            fields: ['marketingPermissions'],
          })),
        );
        const answer = (found: typeof standings | undefined) =>
          toAnswer(registerId, b.channel, b.purpose, decideFor(register, found ?? [], b.channel, asked));
        return {
          results: [
            ...emails.map((email, i) => ({ email, ...answer(byEmail.get(emailKeys[i]!)) })),
            ...phones.map((phone, i) => ({ phone: b.phones![i]!, ...answer(byPhone.get(phone)) })),
            ...subjectIds.map((id) => answer(byId.get(id))),
          ],
        };
      },
    );
  };
}
