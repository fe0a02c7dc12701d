import type { Kysely } from 'kysely';
import type { SecretBox } from '../../crypto/secret-box.ts';
import type { Tx } from '../../db/database.ts';
import type { ContactChannel, DB, OrderItem, Subject } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import { invalid, notFound } from '../../errors.ts';
import { appendEvents, type Actor } from '../audit/audit.service.ts';
import { CHANNELS, purposeInfo, purposeKeys, SALE_AND_SHARING, STANDARD_PURPOSES } from '../consents/consent-rules.ts';
import { consentService, permissionTable, type NewConsentEvent } from '../consents/consent.service.ts';
import { gpcInForce } from '../consents/unsubscribe.routes.ts';
import { registerService, type LoadedRegister } from '../registers/register.service.ts';
import type { ErasureReport } from '../retention/erasure.service.ts';
import { subjectControl } from '../retention/subject-control.service.ts';
import { FIELD_OF_COLUMN } from '../subjects/subject-fields.ts';
import { portalRepository, type PortalIdentity } from './portal.repository.ts';
import { CORRECTABLE_FIELDS, planCorrection, VERIFIED_FIELDS, type CorrectionValue } from './portal-correction.ts';
import { requestService } from '../requests/request.service.ts';
import { writeCorrection } from '../subjects/rectification.ts';
import type { RequestType } from '../../db/schema.ts';
import { DomainError, type FieldProblem } from '../../errors.ts';
import {
  isValidBusinessId,
  maskHenkilotunnus,
  normalizeBusinessId,
  parseHenkilotunnus,
} from '../../validation/index.ts';
import { z } from 'zod';

/** The processing events shown per customer, newest first. */
export const EVENTS_SHOWN = 200;

export interface RequestContext {
  identity: PortalIdentity;
  lang?: 'fi' | 'sv' | 'en';
  ip: string;
  gpc: boolean;
}

const subjectActor = (subjectId: string): Actor => ({ type: 'subject', id: subjectId });

/** The fields that hold something, with their values; the identity code only in its masked form. */
export function fieldsOf(s: Subject): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [column, field] of FIELD_OF_COLUMN) {
    const v = s[column] as unknown;
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) out[field] = v.map(String);
    else if (v instanceof Date) out[field] = v.toISOString().slice(0, 10);
    else if (typeof v === 'string' || typeof v === 'number') out[field] = String(v);
  }
  return out;
}

async function permissionsOf(tx: Tx, register: LoadedRegister, subjectId: string) {
  const consents = consentService(tx);
  const [standing] = await consents.standings(register.id, { subjectId }, null);
  if (!standing) throw notFound('Customer');
  const history = await consents.history(subjectId);
  return {
    purposes: purposeKeys(register.description).map((key) => {
      const declared = register.description.purposes.find((p) => p.key === key);
      return { key, standard: (STANDARD_PURPOSES as readonly string[]).includes(key), name: declared?.name ?? null };
    }),
    channels: [...CHANNELS],
    state: permissionTable(register, standing).map(({ channel, purpose, decision }) => ({
      channel,
      purpose,
      allowed: decision.allowed,
      reason: decision.reason,
      rule: decision.rule,
    })),
    events: history.map((e) => ({
      id: e.id,
      kind: e.kind,
      channel: e.channel,
      purpose: e.purpose,
      source: e.source,
      noticeVersion: e.notice_version,
      occurredAt: new Date(e.occurred_at).toISOString(),
    })),
  };
}

async function recordConsents(
  tx: Tx,
  register: LoadedRegister,
  subjectId: string,
  events: Array<Pick<NewConsentEvent, 'kind' | 'channel' | 'purpose' | 'source' | 'evidence'>>,
  ip: string,
) {
  const now = new Date();
  await consentService(tx).record(
    events.map((e) => ({
      ...e,
      controllerId: register.controllerId,
      registerId: register.id,
      subjectId,
      noticeVersion: register.version,
      occurredAt: now,
      ip,
    })),
  );
  await appendEvents(
    tx,
    register.controllerId,
    subjectActor(subjectId),
    events.map((e) => ({
      registerId: register.id,
      subjectId,
      action:
        e.kind === 'consent_given'
          ? 'consent.given'
          : e.kind === 'consent_withdrawn'
            ? 'consent.withdrawn'
            : 'consent.objected',
      purpose: 'consent_management',
      fields: ['marketingPermissions'],
    })),
  );
}

/** What each described recipient receives of the customer's data, and what it has been told of changes (GDPR 19). */
async function disclosuresOf(tx: Tx, register: LoadedRegister, subjectId: string, present: Set<string>) {
  const sent = await tx
    .selectFrom('recipient_notifications')
    .select(['recipient', 'event', 'fields', 'created_at', 'delivered_at'])
    .where('subject_id', '=', subjectId)
    .orderBy('created_at', 'desc')
    .execute();
  return register.description.recipients.map((r) => ({
    name: r.name,
    category: r.category,
    country: r.country,
    purposes: r.purposes,
    fields: r.fields.filter((f) => present.has(f) || f === 'orders'),
    notifications: sent
      .filter((n) => n.recipient === r.name)
      .map((n) => ({
        event: n.event,
        fields: n.fields,
        queuedAt: new Date(n.created_at).toISOString(),
        deliveredAt: n.delivered_at ? new Date(n.delivered_at).toISOString() : null,
      })),
  }));
}

const emailSchema = z.email();

/** Checks the new values of fields the merchant verifies; the identity code is sealed at once. */
function verifiedChanges(
  changes: Record<string, CorrectionValue>,
  declared: ReadonlySet<string>,
  secretBox: SecretBox,
): { details: Record<string, unknown>; fields: string[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const details: Record<string, unknown> = {};
  const fields: string[] = [];
  for (const field of VERIFIED_FIELDS) {
    if (!(field in changes)) continue;
    const raw = changes[field];
    const at = `fields.${field}`;
    if (!declared.has(field)) {
      problems.push({ field: at, code: 'undeclared', message: 'the register does not keep this field' });
      continue;
    }
    if (typeof raw !== 'string' || raw.trim() === '') {
      problems.push({ field: at, code: 'required', message: 'give the correct value' });
      continue;
    }
    const value = raw.trim();
    if (field === 'email') {
      if (!emailSchema.safeParse(value).success)
        problems.push({ field: at, code: 'invalid_email', message: 'is not a valid email address' });
      else details.email = value;
    } else if (field === 'personalIdentityCode') {
      const parsed = parseHenkilotunnus(value, { allowTemporary: false });
      if (!parsed.ok) problems.push({ field: at, code: 'invalid_hetu', message: 'is not a valid henkilötunnus' });
      else
        details.personalIdentityCode = {
          masked: maskHenkilotunnus(parsed.normalized),
          sealed: secretBox.encrypt(parsed.normalized),
        };
    } else {
      const normalized = normalizeBusinessId(value);
      if (!normalized || !isValidBusinessId(normalized))
        problems.push({ field: at, code: 'invalid_business_id', message: 'is not a valid Y-tunnus (check digit)' });
      else details['organisation.businessId'] = normalized;
    }
    fields.push(field);
  }
  return { details, fields, problems };
}

/** The fields of the register the person may correct: at once, or by a request the merchant verifies. */
function correctableOf(register: LoadedRegister) {
  const required = new Set(register.description.fields.filter((f) => f.required).map((f) => f.key as string));
  const out: Array<{ field: string; how: 'direct' | 'request'; required: boolean }> = [];
  for (const field of CORRECTABLE_FIELDS)
    if (register.declared.has(field)) out.push({ field, how: 'direct', required: required.has(field) });
  for (const field of VERIFIED_FIELDS)
    if (register.declared.has(field)) out.push({ field, how: 'request', required: required.has(field) });
  return out;
}

/** The request as the person sees it: an identity code only masked. */
function shownDetails(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if (k === 'rectification' && v && typeof v === 'object') out[k] = shownDetails(v as Record<string, unknown>);
    else if (k === 'personalIdentityCode' && v && typeof v === 'object') out[k] = (v as { masked: string }).masked;
    else out[k] = v;
  }
  return out;
}

export function portalService(db: Kysely<DB>, secretBox: SecretBox) {
  const owner = portalRepository(db);

  /** A refused attempt goes to the merchant's audit trail, in a transaction of its own (the act's was rolled back). */
  async function recordRefusal(
    ctx: RequestContext,
    registerId: string,
    subjectId: string,
    action: string,
    fields: string[],
  ) {
    try {
      await withOwnSubject(ctx.identity, registerId, subjectId, (tx, register) =>
        appendEvents(tx, register.controllerId, subjectActor(subjectId), [
          {
            registerId: register.id,
            subjectId,
            action,
            purpose: 'data_subject_rectification',
            fields: fields.slice(0, 50),
          },
        ]),
      );
    } catch {
      // Not the person's customer: nothing of anyone's to record it against.
    }
  }

  async function merchantOverview(controllerId: string, ctx: RequestContext) {
    return inTenant(db, controllerId, async (tx) => {
      const repo = portalRepository(tx);
      const controller = await repo.controller(controllerId);
      const subjects = await repo.subjects(ctx.identity);
      if (!controller || subjects.length === 0) return null;
      const registers = [];
      for (const s of subjects) {
        const register = await registerService(tx).loadForController(controllerId, s.register_id);
        const subjectId = s.id;
        if (ctx.gpc) {
          const [standing] = await consentService(tx).standings(register.id, { subjectId }, null);
          if (standing && !gpcInForce(standing.events)) {
            await recordConsents(
              tx,
              register,
              subjectId,
              [
                {
                  kind: 'objection',
                  channel: null,
                  purpose: SALE_AND_SHARING,
                  source: 'gpc',
                  evidence: { header: 'Sec-GPC: 1', page: 'portal' },
                },
              ],
              ctx.ip,
            );
          }
        }
        await appendEvents(tx, controllerId, subjectActor(subjectId), [
          {
            registerId: register.id,
            subjectId,
            action: 'portal.viewed',
            purpose: 'data_subject_access',
            fields: Object.keys(fieldsOf(s)),
          },
        ]);
        const fields = fieldsOf(s);
        const [orders, events, permissions, requests, disclosures] = await Promise.all([
          repo.orders(subjectId),
          repo.events(subjectId, EVENTS_SHOWN),
          permissionsOf(tx, register, subjectId),
          requestService(tx).ofSubject(subjectId),
          disclosuresOf(tx, register, subjectId, new Set(Object.keys(fields))),
        ]);
        registers.push({
          registerId: register.id,
          name: register.description.name,
          purposes: register.description.purposes.map((p) => ({ key: p.key, name: p.name, legalBasis: p.legalBasis })),
          noticeUrl: `/notices/${register.id}`,
          subject: {
            id: subjectId,
            fields,
            restricted: s.restricted_at !== null,
            correctable: correctableOf(register),
          },
          requests: requests.map((r) => ({ ...r, details: shownDetails(r.details) })),
          disclosures,
          orders: orders.map((o) => ({
            orderId: o.order_ref,
            placedAt: new Date(o.placed_at).toISOString(),
            items: (typeof o.items === 'string' ? JSON.parse(o.items) : o.items) as OrderItem[],
            total: { amount: String(o.total_amount), currency: o.currency },
            paymentMethod: o.payment_method,
          })),
          permissions,
          events: events.map((e) => ({
            at: new Date(e.at).toISOString(),
            actorType: e.actor_type,
            action: e.action,
            purpose: e.purpose,
            fields: e.fields,
          })),
        });
      }
      return {
        controller,
        registers,
      };
    });
  }

  /** Runs fn in the register's tenant, once the customer is known to be the session's person. */
  async function withOwnSubject<T>(
    identity: PortalIdentity,
    registerId: string,
    subjectId: string,
    fn: (tx: Tx, register: LoadedRegister) => Promise<T>,
  ): Promise<T> {
    let register: LoadedRegister;
    try {
      register = await registerService(db).loadAny(registerId);
    } catch {
      throw notFound('Customer');
    }
    return inTenant(db, register.controllerId, async (tx) => {
      const own = await portalRepository(tx).ownSubject(identity, registerId, subjectId);
      // Another person's customer, or an erased one, does not exist for this session.
      if (!own) throw notFound('Customer');
      return fn(tx, register);
    });
  }

  return {
    /**
     * A refused attempt by or on behalf of a known person (a spent or expired link, a request
     * without the CSRF token) goes to the audit trail of every merchant holding them, on each of
     * their customers, so that the person sees it in their history too.
     */
    async recordAttempt(identity: PortalIdentity, action: string): Promise<void> {
      for (const controllerId of await owner.controllersHolding(identity)) {
        await inTenant(db, controllerId, async (tx) => {
          const subjects = await portalRepository(tx).subjects(identity);
          await appendEvents(
            tx,
            controllerId,
            { type: 'subject', id: null },
            subjects.map((s) => ({
              registerId: s.register_id,
              subjectId: s.id,
              action,
              purpose: 'portal_security',
              fields: [],
            })),
          );
        });
      }
    },

    async overview(ctx: RequestContext) {
      const merchants = [];
      for (const controllerId of await owner.controllersHolding(ctx.identity)) {
        const m = await merchantOverview(controllerId, ctx);
        if (m) merchants.push(m);
      }
      return { email: ctx.identity.emailKey, merchants };
    },

    setPermission(
      ctx: RequestContext,
      registerId: string,
      subjectId: string,
      input: { channel: ContactChannel; purpose: string; given: boolean },
    ) {
      return withOwnSubject(ctx.identity, registerId, subjectId, async (tx, register) => {
        if (!purposeInfo(register.description, input.purpose))
          throw invalid([
            {
              field: 'purpose',
              code: 'unknown_purpose',
              message: `is neither a standard purpose nor a purpose of the register: ${input.purpose}`,
            },
          ]);
        await recordConsents(
          tx,
          register,
          subjectId,
          [
            {
              kind: input.given ? 'consent_given' : 'consent_withdrawn',
              channel: input.channel,
              purpose: input.purpose,
              source: 'portal',
              evidence: { page: 'portal' },
            },
          ],
          ctx.ip,
        );
        return permissionsOf(tx, register, subjectId);
      });
    },

    /**
     * Corrects the customer's data (GDPR 16): fields the person may change are written at once and
     * every recipient given them is queued for notification (GDPR 19); fields the merchant verifies
     * become a rectification request. Invalid input changes nothing, and the attempt is recorded.
     */
    async correct(
      ctx: RequestContext,
      registerId: string,
      subjectId: string,
      changes: Record<string, CorrectionValue>,
    ) {
      try {
        return await withOwnSubject(ctx.identity, registerId, subjectId, async (tx, register) => {
          const subject = await tx
            .selectFrom('subjects')
            .selectAll()
            .where('id', '=', subjectId)
            .forUpdate()
            .executeTakeFirstOrThrow();
          const required = new Set(register.description.fields.filter((f) => f.required).map((f) => f.key as string));
          const direct = Object.fromEntries(
            Object.entries(changes).filter(([k]) => !(VERIFIED_FIELDS as readonly string[]).includes(k)),
          );
          const { plan, problems } = planCorrection(subject, direct, { declared: register.declared, required });
          const verified = verifiedChanges(changes, register.declared, secretBox);
          const all = [...problems, ...verified.problems];
          if (all.length > 0) throw invalid(all);
          if (Object.keys(changes).length === 0)
            throw invalid([{ field: 'fields', code: 'empty', message: 'name at least one field to correct' }]);
          const changed = plan?.changed ?? [];
          const actor = subjectActor(subjectId);
          if (changed.length > 0)
            await writeCorrection(tx, register, subjectId, plan!.update, changed, actor, new Date());
          let request: { id: string; dueDate: string; fields: string[] } | null = null;
          if (verified.fields.length > 0) {
            const created = await requestService(tx).create(
              {
                controllerId: register.controllerId,
                registerId: register.id,
                subjectId,
                types: ['rectification'],
                channel: 'portal',
                receivedAt: new Date(),
                identityMethod: 'portal',
                language: ctx.lang ?? 'fi',
                email: subject.email,
                name: [subject.first_name, subject.last_name].filter(Boolean).join(' ') || null,
                message: null,
                details: { rectification: verified.details },
              },
              actor,
            );
            request = { id: created.id, dueDate: created.dueDate, fields: verified.fields };
          }
          const updated = await tx
            .selectFrom('subjects')
            .selectAll()
            .where('id', '=', subjectId)
            .executeTakeFirstOrThrow();
          return { corrected: changed, request, fields: fieldsOf(updated) };
        });
      } catch (error) {
        if (error instanceof DomainError && error.code === 'validation_failed')
          await recordRefusal(ctx, registerId, subjectId, 'portal.correction_refused', Object.keys(changes));
        throw error;
      }
    },

    /** A request the merchant answers by hand (its desk, with the legal deadline): objections to other processing, anything in words. */
    request(
      ctx: RequestContext,
      registerId: string,
      subjectId: string,
      input: { types: RequestType[]; message: string },
    ) {
      return withOwnSubject(ctx.identity, registerId, subjectId, async (tx, register) => {
        const subject = await tx
          .selectFrom('subjects')
          .select(['email', 'first_name', 'last_name'])
          .where('id', '=', subjectId)
          .executeTakeFirstOrThrow();
        const created = await requestService(tx).create(
          {
            controllerId: register.controllerId,
            registerId: register.id,
            subjectId,
            types: [...new Set(input.types)],
            channel: 'portal',
            receivedAt: new Date(),
            identityMethod: 'portal',
            language: ctx.lang ?? 'fi',
            email: subject.email,
            name: [subject.first_name, subject.last_name].filter(Boolean).join(' ') || null,
            message: input.message.trim(),
            details: {},
          },
          subjectActor(subjectId),
        );
        const [view] = (await requestService(tx).ofSubject(subjectId)).filter((r) => r.id === created.id);
        return { ...view!, details: shownDetails(view!.details) };
      });
    },

    object(ctx: RequestContext, registerId: string, subjectId: string) {
      return withOwnSubject(ctx.identity, registerId, subjectId, async (tx, register) => {
        // An objection to direct marketing is absolute (GDPR 21(3)): every channel, every marketing purpose.
        await recordConsents(
          tx,
          register,
          subjectId,
          [
            {
              kind: 'objection',
              channel: null,
              purpose: 'direct_marketing',
              source: 'portal',
              evidence: { page: 'portal' },
            },
          ],
          ctx.ip,
        );
        return permissionsOf(tx, register, subjectId);
      });
    },

    setRestriction(
      ctx: RequestContext,
      registerId: string,
      subjectId: string,
      input: { restricted: boolean; reason?: string | undefined },
    ) {
      return withOwnSubject(ctx.identity, registerId, subjectId, (tx, register) =>
        subjectControl(tx, register).setRestriction(
          subjectId,
          input.restricted,
          input.reason ?? null,
          subjectActor(subjectId),
        ),
      );
    },

    erase(ctx: RequestContext, registerId: string, subjectId: string): Promise<ErasureReport> {
      return withOwnSubject(ctx.identity, registerId, subjectId, (tx, register) =>
        subjectControl(tx, register).erase(subjectId, {
          secretBox,
          cause: 'request',
          actor: subjectActor(subjectId),
          now: new Date(),
        }),
      );
    },

    /** Erasure at every merchant: one transaction per controller, so one merchant's failure leaves the others done. */
    async eraseEverywhere(ctx: RequestContext) {
      const reports: Array<{ controllerId: string; registerId: string; report: ErasureReport }> = [];
      for (const controllerId of await owner.controllersHolding(ctx.identity)) {
        const done = await inTenant(db, controllerId, async (tx) => {
          const out = [];
          for (const s of await portalRepository(tx).subjects(ctx.identity)) {
            const register = await registerService(tx).loadForController(controllerId, s.register_id);
            const report = await subjectControl(tx, register).erase(s.id, {
              secretBox,
              cause: 'request',
              actor: subjectActor(s.id),
              now: new Date(),
            });
            out.push({ controllerId, registerId: register.id, report });
          }
          return out;
        });
        reports.push(...done);
      }
      return { reports };
    },
  };
}
