import type { Kysely } from 'kysely';
import type { SecretBox } from '../../crypto/secret-box.ts';
import type { Tx } from '../../db/database.ts';
import type { DB, RequestPartStatus, RequestStatus, RequestType, SubjectUpdate } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import { DomainError, invalid, notFound, type FieldProblem } from '../../errors.ts';
import { addMonths, todayInFinland } from '../../finnish-time.ts';
import { appendEvents, type Actor } from '../audit/audit.service.ts';
import { CHANNELS, purposeKeys, STANDARD_PURPOSES } from '../consents/consent-rules.ts';
import { consentService } from '../consents/consent.service.ts';
import type { Mailer } from '../mail/mailer.ts';
import { planCorrection, type CorrectionValue } from '../portal/portal-correction.ts';
import { subjectExportZip } from '../portal/portal-export.ts';
import { registerService, type LoadedRegister } from '../registers/register.service.ts';
import type { ErasureReport } from '../retention/erasure.service.ts';
import { subjectControl } from '../retention/subject-control.service.ts';
import { writeCorrection } from '../subjects/rectification.ts';
import { requestLetters, type LetterInput } from './request-letters.service.ts';
import { keptReasonsText } from './letters.ts';

/** GDPR 12(3): the answer may be put off by at most two further months. */
export const MAX_EXTENSION_MONTHS = 2;

export const CLOSED_PART: ReadonlySet<RequestPartStatus> = new Set(['done', 'partly_done', 'refused']);
export const CLOSED_REQUEST: ReadonlySet<RequestStatus> = new Set(['done', 'partly_done', 'refused']);

export interface PartState {
  type: RequestType;
  status: RequestPartStatus;
}

/**
 * The request's state from its parts: closed when every part is (done, refused, or partly done
 * when they differ), extended while an open part has more time, in progress once the identity is
 * verified, and otherwise where staff put it (received or verifying).
 */
export function requestStatusOf(
  parts: readonly PartState[],
  identityVerified: boolean,
  current: RequestStatus,
): RequestStatus {
  if (parts.length > 0 && parts.every((p) => CLOSED_PART.has(p.status))) {
    if (parts.every((p) => p.status === 'done')) return 'done';
    if (parts.every((p) => p.status === 'refused')) return 'refused';
    return 'partly_done';
  }
  if (parts.some((p) => p.status === 'extended')) return 'extended';
  if (identityVerified) return 'in_progress';
  return current === 'verifying' ? 'verifying' : 'received';
}

/** What staff may do with a request now; the console shows only these, the API refuses the rest. */
export function allowedActions(request: {
  status: RequestStatus;
  identityVerified: boolean;
  today: string;
  dueDate: string;
  parts: readonly PartState[];
}): { verify: boolean; startVerification: boolean; answer: boolean; extend: boolean } {
  const open = !CLOSED_REQUEST.has(request.status);
  return {
    verify: open && !request.identityVerified,
    startVerification: open && request.status === 'received' && !request.identityVerified,
    answer: open && request.identityVerified,
    // An extension is told to the person within the first month (GDPR 12(3)).
    extend: open && request.today <= request.dueDate,
  };
}

export type VerificationMethod = 'portal' | 'email_round_trip' | 'e_id' | 'document';

export interface WorkflowDeps {
  db: Kysely<DB>;
  secretBox: SecretBox;
  mailer: Mailer;
  site: { publicUrl: string };
  /** The clock; tests move it. */
  now?: () => Date;
}

type Letter = { documentId: string; attachments?: LetterInput['attachments'] };

const conflict = (message: string, field: string, code: string): DomainError =>
  new DomainError('request_state', message, [{ field, code, message }]);

export function requestWorkflow(deps: WorkflowDeps) {
  const { db, secretBox } = deps;
  const now = () => (deps.now ? deps.now() : new Date());
  const letters = requestLetters({ mailer: deps.mailer, now });

  async function load(tx: Tx, requestId: string) {
    const request = await tx
      .selectFrom('requests')
      .selectAll()
      .where('id', '=', requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw notFound('Request');
    const parts = await tx
      .selectFrom('request_parts')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('type')
      .execute();
    return { request, parts };
  }

  type Loaded = Awaited<ReturnType<typeof load>>;

  /** Records a state change (or a note) and settles the request's status from its parts. */
  async function settle(tx: Tx, loaded: Loaded, actor: Actor, note: string | null, action: string, fields: string[]) {
    const parts = await tx
      .selectFrom('request_parts')
      .select(['type', 'status', 'extended_due_date'])
      .where('request_id', '=', loaded.request.id)
      .execute();
    const verified =
      (
        await tx
          .selectFrom('requests')
          .select('identity_status')
          .where('id', '=', loaded.request.id)
          .executeTakeFirstOrThrow()
      ).identity_status === 'verified';
    const status = requestStatusOf(parts, verified, loaded.request.status);
    const extended = parts
      .map((p) => p.extended_due_date)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1);
    const closing = CLOSED_REQUEST.has(status);
    await tx
      .updateTable('requests')
      .set({
        status,
        extended_due_date: extended ?? null,
        updated_at: now(),
        closed_at: closing ? (loaded.request.closed_at ?? now()) : null,
      })
      .where('id', '=', loaded.request.id)
      .execute();
    await tx
      .insertInto('request_events')
      .values({
        controller_id: loaded.request.controller_id,
        request_id: loaded.request.id,
        at: now(),
        actor_type: actor.type,
        actor_id: actor.id,
        from_status: loaded.request.status,
        to_status: status,
        note,
      })
      .execute();
    await appendEvents(tx, loaded.request.controller_id, actor, [
      {
        registerId: loaded.request.register_id,
        subjectId: loaded.request.subject_id,
        action,
        purpose: 'data_subject_request',
        fields,
      },
    ]);
    return status;
  }

  function partOf(loaded: Loaded, type: string) {
    const part = loaded.parts.find((p) => p.type === type);
    if (!part) throw notFound('Part of the request');
    if (CLOSED_PART.has(part.status))
      throw conflict(`The ${type} part has already been answered (${part.status})`, 'type', 'part_closed');
    return part;
  }

  function requireOpen(loaded: Loaded) {
    if (CLOSED_REQUEST.has(loaded.request.status))
      throw conflict(`The request is closed (${loaded.request.status})`, 'status', 'request_closed');
  }

  function requireVerified(loaded: Loaded) {
    if (loaded.request.identity_status !== 'verified')
      throw conflict(
        "The person's identity has not been verified: nothing is disclosed or changed before it is",
        'identity',
        'identity_unverified',
      );
  }

  async function subjectRegister(tx: Tx, loaded: Loaded): Promise<{ register: LoadedRegister; subjectId: string }> {
    const register = await registerService(tx).loadForController(
      loaded.request.controller_id,
      loaded.request.register_id,
    );
    if (!loaded.request.subject_id)
      throw conflict(
        'The request is not linked to a customer of the register: link it first',
        'subjectId',
        'no_customer',
      );
    return { register, subjectId: loaded.request.subject_id };
  }

  /** Runs fn in the controller's tenant, then mails the letters it issued once they are committed. */
  async function run<T>(controllerId: string, fn: (tx: Tx, issued: Letter[]) => Promise<T>): Promise<T> {
    const issued: Letter[] = [];
    const result = await inTenant(db, controllerId, (tx) => fn(tx, issued));
    for (const letter of issued) await letters.deliver(db, controllerId, letter.documentId, letter.attachments);
    return result;
  }

  return {
    /** Staff asked the person for proof of identity. */
    startVerification(controllerId: string, requestId: string, actor: Actor) {
      return run(controllerId, async (tx) => {
        const loaded = await load(tx, requestId);
        requireOpen(loaded);
        if (loaded.request.identity_status === 'verified')
          throw conflict('The identity is already verified', 'status', 'already_verified');
        if (loaded.request.status !== 'received')
          throw conflict(
            `A request in state ${loaded.request.status} cannot move to verifying`,
            'status',
            'transition_not_allowed',
          );
        await tx.updateTable('requests').set({ status: 'verifying' }).where('id', '=', requestId).execute();
        const status = await settleVerifying(tx, loaded, actor);
        return { status };
      });
    },

    /** The identity is verified by the method staff name; only now may anything be disclosed or changed. */
    verify(
      controllerId: string,
      requestId: string,
      input: { method: VerificationMethod; note?: string | null; subjectId?: string | null },
      actor: Actor,
    ) {
      return run(controllerId, async (tx) => {
        const loaded = await load(tx, requestId);
        requireOpen(loaded);
        const linkingOnly =
          loaded.request.identity_status === 'verified' && !loaded.request.subject_id && !!input.subjectId;
        if (loaded.request.identity_status === 'verified' && !linkingOnly)
          throw conflict('The identity is already verified', 'status', 'already_verified');
        let subjectId = loaded.request.subject_id;
        if (input.subjectId) {
          const subject = await tx
            .selectFrom('subjects')
            .select(['id'])
            .where('id', '=', input.subjectId)
            .where('register_id', '=', loaded.request.register_id)
            .where('erased_at', 'is', null)
            .executeTakeFirst();
          if (!subject)
            throw invalid([{ field: 'subjectId', code: 'not_found', message: 'no such customer in the register' }]);
          subjectId = subject.id;
        }
        if (linkingOnly) {
          // Verified already, the request is now linked to the customer it is about.
          await tx.updateTable('requests').set({ subject_id: subjectId }).where('id', '=', requestId).execute();
          const status = await settle(tx, loaded, actor, 'customer linked', 'request.identity_verified', []);
          return { status };
        }
        await tx
          .updateTable('requests')
          .set({
            identity_status: 'verified',
            identity_method: input.method,
            verified_at: now(),
            verified_by: actor.id,
            verification_note: input.note ?? null,
            subject_id: subjectId,
            confirm_token_hash: null,
          })
          .where('id', '=', requestId)
          .execute();
        const status = await settle(
          tx,
          loaded,
          actor,
          `identity verified: ${input.method}${input.note ? ` (${input.note})` : ''}`,
          'request.identity_verified',
          [],
        );
        return { status };
      });
    },

    assign(controllerId: string, requestId: string, staffId: string | null, actor: Actor) {
      return run(controllerId, async (tx) => {
        const loaded = await load(tx, requestId);
        requireOpen(loaded);
        let assignee: string | null = null;
        if (staffId) {
          const member = await tx
            .selectFrom('memberships')
            .innerJoin('staff_accounts', 'staff_accounts.id', 'memberships.staff_id')
            .select('staff_accounts.email')
            .where('memberships.controller_id', '=', controllerId)
            .where('memberships.staff_id', '=', staffId)
            .executeTakeFirst();
          if (!member)
            throw invalid([
              { field: 'staffId', code: 'not_found', message: 'is not a staff member of the controller' },
            ]);
          assignee = member.email;
        }
        await tx.updateTable('requests').set({ assigned_to: staffId }).where('id', '=', requestId).execute();
        const status = await settle(tx, loaded, actor, assignee ? `→ ${assignee}` : '–', 'request.assigned', []);
        return { status };
      });
    },

    note(controllerId: string, requestId: string, text: string, actor: Actor) {
      return run(controllerId, async (tx) => {
        const loaded = await load(tx, requestId);
        const status = await settle(tx, loaded, actor, text, 'request.noted', []);
        return { status };
      });
    },

    /**
     * Puts off the answer of one part by one or two months (GDPR 12(3)): only within the first
     * month, only with a reason, and the person is sent the extension notice.
     */
    extend(
      controllerId: string,
      requestId: string,
      type: RequestType,
      input: { months: number; reason: string },
      actor: Actor,
    ) {
      return run(controllerId, async (tx, issued) => {
        const loaded = await load(tx, requestId);
        requireOpen(loaded);
        const part = partOf(loaded, type);
        const problems: FieldProblem[] = [];
        const reason = input.reason.trim();
        if (!reason) problems.push({ field: 'reason', code: 'required', message: 'an extension needs its reason' });
        if (!Number.isInteger(input.months) || input.months < 1 || input.months > MAX_EXTENSION_MONTHS)
          problems.push({ field: 'months', code: 'too_big', message: 'at most two further months' });
        if (problems.length > 0) throw invalid(problems);
        if (part.status === 'extended')
          throw conflict('This part has already been extended', 'type', 'already_extended');
        const today = todayInFinland(now());
        if (today > loaded.request.due_date)
          throw conflict(
            `The first month ended on ${loaded.request.due_date}: an extension must be told within it`,
            'dueDate',
            'extension_too_late',
          );
        const extendedDueDate = addMonths(loaded.request.due_date, input.months);
        await tx
          .updateTable('request_parts')
          .set({ status: 'extended', extended_due_date: extendedDueDate, extension_reason: reason })
          .where('request_id', '=', requestId)
          .where('type', '=', type)
          .execute();
        const status = await settle(
          tx,
          loaded,
          actor,
          `${type} extended to ${extendedDueDate}: ${reason}`,
          'request.extended',
          [type],
        );
        const letter = await letters.issue(
          tx,
          requestId,
          { kind: 'extension', reasons: reason, extendedDueDate },
          actor,
        );
        issued.push(letter);
        return { status, extendedDueDate, letterId: letter.documentId };
      });
    },

    /**
     * Answers one part by running its engine: the export for access and portability, the
     * correction with its recipient notices, the restriction, the erasure with its report, the
     * withdrawal of consents; an objection upheld. An erasure that keeps something by law closes
     * as partly done with the reasons of what is kept. The person is sent the outcome (the export
     * attached) or, when something was refused, the refusal letter with the right to complain.
     */
    complete(
      controllerId: string,
      requestId: string,
      type: RequestType,
      input: { outcome?: string | null; changes?: Record<string, CorrectionValue> | null },
      actor: Actor,
    ) {
      return run(controllerId, async (tx, issued) => {
        const loaded = await load(tx, requestId);
        requireOpen(loaded);
        partOf(loaded, type);
        requireVerified(loaded);
        const { register, subjectId } = await subjectRegister(tx, loaded);
        let status: RequestPartStatus = 'done';
        let outcome = input.outcome?.trim() || null;
        let refusal: string | null = null;
        let result: Record<string, unknown> = {};
        let kept: Array<{ field: string; reason: string; until: string | null }> = [];
        const attachments: NonNullable<LetterInput['attachments']> = [];

        if (type === 'access' || type === 'portability') {
          const zip = await subjectExportZip(tx, register, subjectId, deps.site, loaded.request.language);
          const doc = await tx
            .insertInto('request_documents')
            .values({
              controller_id: controllerId,
              request_id: requestId,
              kind: 'export',
              file_name: zip.filename,
              content_type: 'application/zip',
              content: zip.content,
              created_by: actor.id,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          attachments.push({ fileName: zip.filename, contentType: 'application/zip', content: zip.content });
          result = { exportDocumentId: doc.id, bytes: zip.content.length };
          await appendEvents(tx, controllerId, actor, [
            {
              registerId: register.id,
              subjectId,
              action: 'subject.exported',
              purpose: 'data_subject_access',
              fields: ['all'],
            },
          ]);
        } else if (type === 'rectification') {
          result = await rectify(tx, register, subjectId, loaded, input.changes ?? {}, actor);
        } else if (type === 'restriction') {
          result = await subjectControl(tx, register).setRestriction(
            subjectId,
            true,
            loaded.request.message?.slice(0, 150) ?? null,
            actor,
          );
        } else if (type === 'erasure') {
          const report: ErasureReport = await subjectControl(tx, register).erase(subjectId, {
            secretBox,
            cause: 'request',
            actor,
            now: now(),
          });
          result = report as unknown as Record<string, unknown>;
          kept = [
            ...report.kept.map((k) => ({ field: k.field, reason: k.reason, until: k.until })),
            ...report.orders.kept.map((o) => ({ field: `orders: ${o.orderId}`, reason: o.reason, until: o.until })),
          ];
          if (kept.length > 0) {
            status = 'partly_done';
            refusal = keptReasonsText(
              kept.map((k) => k.reason),
              loaded.request.language,
            );
          }
        } else if (type === 'consent_withdrawal') {
          const purposes = purposeKeys(register.description).filter(
            (p) =>
              (STANDARD_PURPOSES as readonly string[]).includes(p) ||
              register.description.purposes.find((d) => d.key === p)?.legalBasis === 'consent',
          );
          await consentService(tx).record(
            purposes.flatMap((purpose) =>
              CHANNELS.map((channel) => ({
                controllerId,
                registerId: register.id,
                subjectId,
                kind: 'consent_withdrawn' as const,
                channel,
                purpose,
                source: 'console_letter' as const,
                noticeVersion: register.version,
                occurredAt: now(),
                recordedBy: actor.id,
                evidence: { requestId },
              })),
            ),
          );
          result = { withdrawn: purposes };
        }
        // An objection upheld needs no engine: staff record what stops, in the outcome.

        await tx
          .updateTable('request_parts')
          .set({
            status,
            outcome,
            refusal_reasons: refusal,
            result: JSON.stringify(result),
            closed_at: now(),
          })
          .where('request_id', '=', requestId)
          .where('type', '=', type)
          .execute();
        outcome ??= null;
        const requestStatus = await settle(tx, loaded, actor, `${type} ${status}`, 'request.answered', [type]);
        const letter = await letters.issue(
          tx,
          requestId,
          {
            kind: status === 'done' ? 'outcome' : 'refusal',
            ...(refusal ? { reasons: refusal } : {}),
            parts: [{ type, status, outcome, refusalReasons: refusal, kept }],
            attachments,
          },
          actor,
        );
        issued.push({ documentId: letter.documentId, attachments });
        return {
          status: requestStatus,
          part: { type, status, outcome, refusalReasons: refusal, result },
          letterId: letter.documentId,
        };
      });
    },

    /** Refuses one part with reasons (GDPR 12(4)); the refusal letter names the right to complain. */
    refuse(controllerId: string, requestId: string, type: RequestType, input: { reasons: string }, actor: Actor) {
      return run(controllerId, async (tx, issued) => {
        const loaded = await load(tx, requestId);
        requireOpen(loaded);
        partOf(loaded, type);
        const reasons = input.reasons.trim();
        if (!reasons) throw invalid([{ field: 'reasons', code: 'required', message: 'a refusal needs its reasons' }]);
        await tx
          .updateTable('request_parts')
          .set({ status: 'refused', refusal_reasons: reasons, closed_at: now() })
          .where('request_id', '=', requestId)
          .where('type', '=', type)
          .execute();
        const status = await settle(tx, loaded, actor, `${type} refused: ${reasons}`, 'request.refused', [type]);
        const letter = await letters.issue(
          tx,
          requestId,
          { kind: 'refusal', reasons, parts: [{ type, status: 'refused', refusalReasons: reasons }] },
          actor,
        );
        issued.push(letter);
        return { status, letterId: letter.documentId };
      });
    },
  };

  async function settleVerifying(tx: Tx, loaded: Loaded, actor: Actor) {
    await tx
      .insertInto('request_events')
      .values({
        controller_id: loaded.request.controller_id,
        request_id: loaded.request.id,
        at: now(),
        actor_type: actor.type,
        actor_id: actor.id,
        from_status: 'received',
        to_status: 'verifying',
        note: 'proof of identity asked for',
      })
      .execute();
    await appendEvents(tx, loaded.request.controller_id, actor, [
      {
        registerId: loaded.request.register_id,
        subjectId: loaded.request.subject_id,
        action: 'request.verifying',
        purpose: 'data_subject_request',
        fields: [],
      },
    ]);
    return 'verifying' as const;
  }

  /** The correction asked for: the portal's verified fields as the person gave them, and what staff enter. */
  async function rectify(
    tx: Tx,
    register: LoadedRegister,
    subjectId: string,
    loaded: Loaded,
    changes: Record<string, CorrectionValue>,
    actor: Actor,
  ): Promise<Record<string, unknown>> {
    const subject = await tx
      .selectFrom('subjects')
      .selectAll()
      .where('id', '=', subjectId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const update: SubjectUpdate = {};
    const changed: string[] = [];
    const asked = (loaded.request.details as { rectification?: Record<string, unknown> }).rectification ?? {};
    if (typeof asked.email === 'string') {
      update.email = asked.email;
      update.email_key = asked.email.toLowerCase();
      changed.push('email');
    }
    const hetu = asked.personalIdentityCode as { sealed?: string; masked?: string } | undefined;
    if (hetu?.sealed && hetu.masked) {
      update.hetu_encrypted = hetu.sealed;
      update.hetu_lookup = secretBox.lookupHash(secretBox.decrypt(hetu.sealed));
      update.hetu_masked = hetu.masked;
      changed.push('personalIdentityCode');
    }
    if (typeof asked['organisation.businessId'] === 'string') {
      update.org_business_id = asked['organisation.businessId'];
      changed.push('organisation.businessId');
    }
    if (Object.keys(changes).length > 0) {
      const required = new Set(register.description.fields.filter((f) => f.required).map((f) => f.key as string));
      const { plan, problems } = planCorrection(subject, changes, { declared: register.declared, required });
      if (problems.length > 0) throw invalid(problems);
      if (plan) {
        Object.assign(update, plan.update);
        changed.push(...plan.changed);
      }
    }
    if (changed.length === 0)
      throw invalid([{ field: 'changes', code: 'required', message: 'name what is corrected' }]);
    const notified = await writeCorrection(tx, register, subjectId, update, changed, actor, now());
    return { corrected: changed, recipientsNotified: notified };
  }
}
