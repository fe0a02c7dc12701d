import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import { invalid, notFound, type FieldProblem } from '../../errors.ts';
import { addMonths, todayInFinland } from '../../finnish-time.ts';
import { appendEvents, type Actor } from '../audit/audit.service.ts';
import type { Mailer } from '../mail/mailer.ts';
import { pick, type Localized } from '../registers/localized.ts';
import { renderLetter, type KeptData, type LetterContext, type LetterInput, type LetterPart } from './letters.ts';

export type { LetterInput, LetterKind } from './letters.ts';

/** GDPR 12(3): the answer may be extended by two further months at most. */
const MAX_EXTENSION_MONTHS = 2;
const LETTER_KINDS = ['acknowledgement', 'extension', 'outcome', 'refusal'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

function check(input: LetterInput, request: { due_date: string }, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!(LETTER_KINDS as readonly string[]).includes(input.kind)) {
    problems.push({ field: 'kind', code: 'invalid_enum', message: `must be one of ${LETTER_KINDS.join(', ')}` });
    return problems;
  }
  const needsReasons = input.kind === 'refusal' || input.kind === 'extension';
  if (needsReasons && !input.reasons?.trim()) {
    problems.push({
      field: 'reasons',
      code: 'required',
      message:
        input.kind === 'refusal'
          ? 'a refusal must give its reasons (GDPR 12(4))'
          : 'an extension must give its reason (GDPR 12(3))',
    });
  }
  if (input.kind === 'extension') {
    const latest = addMonths(request.due_date, MAX_EXTENSION_MONTHS);
    if (!input.extendedDueDate) {
      problems.push({ field: 'extendedDueDate', code: 'required', message: 'an extension must give the new due date' });
    } else if (!isDate(input.extendedDueDate)) {
      problems.push({ field: 'extendedDueDate', code: 'invalid_date', message: 'must be a date YYYY-MM-DD' });
    } else if (input.extendedDueDate <= request.due_date || input.extendedDueDate > latest) {
      problems.push({
        field: 'extendedDueDate',
        code: 'out_of_range',
        message: `must be after ${request.due_date} and at most two months later (${latest})`,
      });
    }
    if (today > request.due_date) {
      problems.push({
        field: 'kind',
        code: 'extension_too_late',
        message: `an extension must be told within one month of receipt (by ${request.due_date})`,
      });
    }
  }
  for (const [i, k] of (input.parts ?? []).flatMap((p) => p.kept ?? []).entries()) {
    if (k.until !== null && !isDate(k.until)) {
      problems.push({ field: `parts.kept.${i}.until`, code: 'invalid_date', message: 'must be a date YYYY-MM-DD' });
    }
  }
  return problems;
}

function keptOf(result: Record<string, unknown> | null): KeptData[] | undefined {
  const kept: unknown = result?.kept;
  if (!Array.isArray(kept)) return undefined;
  return (kept as unknown[])
    .filter((k): k is Record<string, unknown> => typeof k === 'object' && k !== null)
    .filter((k) => typeof k.field === 'string')
    .map((k) => ({
      field: k.field as string,
      reason: typeof k.reason === 'string' ? k.reason : '',
      until: typeof k.until === 'string' ? k.until : null,
    }));
}

const textOf = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function requestLetters(deps: { mailer: Mailer; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

  return {
    /**
     * Renders the letter in the request's language and keeps it with the request (PDF, with the
     * subject and text of its email), in the caller's tenant transaction, with a `request.letter`
     * processing event. Without parts the letter tells the request's parts as they are stored.
     */
    async issue(tx: Tx, requestId: string, input: LetterInput, actor: Actor): Promise<{ documentId: string }> {
      const request = await tx.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirst();
      if (!request) throw notFound('Request');
      const today = todayInFinland(now());
      const problems = check(input, request, today);
      if (problems.length) throw invalid(problems);

      const controller = await tx
        .selectFrom('controllers')
        .select(['name', 'business_id', 'contact'])
        .where('id', '=', request.controller_id)
        .executeTakeFirstOrThrow();
      const description = await tx
        .selectFrom('registers')
        .innerJoin('register_descriptions', (j) =>
          j
            .onRef('register_descriptions.register_id', '=', 'registers.id')
            .onRef('register_descriptions.version', '=', 'registers.current_version'),
        )
        .select('register_descriptions.document')
        .where('registers.id', '=', request.register_id)
        .executeTakeFirst();
      const document = (
        typeof description?.document === 'string' ? JSON.parse(description.document) : description?.document
      ) as { name?: Localized; contactPerson?: LetterContext['contactPerson'] } | undefined;

      let parts: LetterPart[] | undefined = input.parts;
      if (!parts && (input.kind === 'outcome' || input.kind === 'refusal' || input.kind === 'extension')) {
        const rows = await tx.selectFrom('request_parts').selectAll().where('request_id', '=', requestId).execute();
        parts = request.types
          .map((type) => rows.find((r) => r.type === type))
          .filter((r) => r !== undefined)
          .filter((r) => (input.kind === 'extension' ? r.status === 'extended' : true))
          .map((r) => ({
            type: r.type,
            status: r.status,
            outcome: r.outcome,
            refusalReasons: r.refusal_reasons,
            kept: keptOf(r.result),
          }));
      }

      const contact: Record<string, unknown> = controller.contact ?? {};
      const ctx: LetterContext = {
        language: request.language,
        requestId,
        date: today,
        controller: {
          name: controller.name,
          businessId: controller.business_id,
          contact: [contact.address, contact.email, contact.phone, contact.website]
            .map(textOf)
            .filter((v) => v !== undefined),
        },
        contactPerson: document?.contactPerson ?? null,
        recipient: { name: request.name, email: request.email },
        registerName: document?.name ? pick(document.name, request.language) : null,
        receivedOn: todayInFinland(new Date(request.received_at)),
        types: request.types,
        dueDate: request.due_date,
        effectiveDueDate: request.extended_due_date ?? request.due_date,
        identityVerified: request.identity_status === 'verified',
      };
      const letter = await renderLetter(ctx, { ...input, ...(parts ? { parts } : {}) });

      const { id } = await tx
        .insertInto('request_documents')
        .values({
          controller_id: request.controller_id,
          request_id: requestId,
          kind: 'letter',
          letter_kind: input.kind,
          language: request.language,
          file_name: letter.fileName,
          content_type: 'application/pdf',
          content: letter.pdf,
          created_by: actor.id ?? actor.type,
          letter_subject: letter.subject,
          letter_text: letter.text,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendEvents(tx, request.controller_id, actor, [
        {
          registerId: request.register_id,
          subjectId: request.subject_id,
          action: 'request.letter',
          purpose: 'data_subject_request',
          fields: [input.kind],
        },
      ]);
      return { documentId: id };
    },

    /**
     * Mails a kept letter to the request's email after its transaction has committed: the letter's
     * text as the body, its PDF and any further attachments attached. The outbox id is recorded
     * before the mail is handed over, so a second call (or one after a crash) reuses it and the
     * person never gets the letter twice. Without an email the letter goes by post: { sent: false }.
     */
    async deliver(
      db: Kysely<DB>,
      controllerId: string,
      documentId: string,
      attachments?: LetterInput['attachments'],
    ): Promise<{ sent: boolean }> {
      const claim = await inTenant(db, controllerId, async (tx) => {
        const doc = await tx
          .selectFrom('request_documents')
          .innerJoin('requests', 'requests.id', 'request_documents.request_id')
          .select([
            'request_documents.id',
            'request_documents.file_name',
            'request_documents.content',
            'request_documents.sent_at',
            'request_documents.outbox_id',
            'request_documents.letter_subject',
            'request_documents.letter_text',
            'requests.email',
          ])
          .where('request_documents.id', '=', documentId)
          .where('request_documents.kind', '=', 'letter')
          .forUpdate('request_documents')
          .executeTakeFirst();
        if (!doc) throw notFound('Letter');
        if (doc.sent_at) return { done: true as const };
        if (!doc.email) return { done: false as const, email: null };
        const outboxId = doc.outbox_id ?? randomUUID();
        if (!doc.outbox_id) {
          await tx.updateTable('request_documents').set({ outbox_id: outboxId }).where('id', '=', documentId).execute();
        }
        return { done: false as const, email: doc.email, outboxId, doc };
      });
      if (claim.done) return { sent: true };
      if (!claim.email) return { sent: false };

      const { doc, outboxId } = claim;
      await deps.mailer.send({
        id: outboxId,
        to: claim.email,
        subject: doc.letter_subject ?? doc.file_name,
        text: doc.letter_text ?? '',
        kind: 'request_letter',
        controllerId,
        attachments: [
          { filename: doc.file_name, contentType: 'application/pdf', content: Buffer.from(doc.content) },
          ...(attachments ?? []).map((a) => ({ filename: a.fileName, contentType: a.contentType, content: a.content })),
        ],
      });
      await inTenant(db, controllerId, (tx) =>
        tx
          .updateTable('request_documents')
          .set({ sent_at: now() })
          .where('id', '=', documentId)
          .where('sent_at', 'is', null)
          .execute(),
      );
      return { sent: true };
    },
  };
}
