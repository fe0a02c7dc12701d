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

/** The processing events shown per customer, newest first. */
export const EVENTS_SHOWN = 200;

export interface RequestContext {
  identity: PortalIdentity;
  ip: string;
  gpc: boolean;
}

const subjectActor = (subjectId: string): Actor => ({ type: 'subject', id: subjectId });

/** The fields that hold something, with their values; the identity code only in its masked form. */
function fieldsOf(s: Subject): Record<string, string | string[]> {
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

export function portalService(db: Kysely<DB>, secretBox: SecretBox) {
  const owner = portalRepository(db);

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
        const [orders, events, permissions] = await Promise.all([
          repo.orders(subjectId),
          repo.events(subjectId, EVENTS_SHOWN),
          permissionsOf(tx, register, subjectId),
        ]);
        registers.push({
          registerId: register.id,
          name: register.description.name,
          purposes: register.description.purposes.map((p) => ({ key: p.key, name: p.name, legalBasis: p.legalBasis })),
          noticeUrl: `/notices/${register.id}`,
          subject: { id: subjectId, fields: fieldsOf(s), restricted: s.restricted_at !== null },
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
        controller: {
          id: controller.id,
          name: controller.name,
          businessId: controller.business_id,
          contact: (typeof controller.contact === 'string'
            ? JSON.parse(controller.contact)
            : controller.contact) as Record<string, unknown> | null,
        },
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
