import type { Kysely } from 'kysely';
import { z } from 'zod';
import { REQUEST_TYPES, type DB, type RequestType } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import { DomainError } from '../../errors.ts';
import { appendEvents } from '../audit/audit.service.ts';
import type { Mailer } from '../mail/mailer.ts';
import { requestLetters } from './request-letters.service.ts';
import { pick, type Language } from '../registers/localized.ts';
import { registerService } from '../registers/register.service.ts';
import { randomToken, sha256 } from '../staff/staff.service.ts';
import { throttleService } from '../staff/throttle.ts';
import { confirmMail } from './request-form-page.ts';
import { requestService } from './request.service.ts';

/** How long the confirmation link of a request sent by the public form can be spent. */
export const CONFIRM_LINK_DAYS = 7;
export const MESSAGE_MAX = 5000;
export const NAME_MAX = 200;

const noNul = (s: string) => !s.includes('\u0000');

/** A request by the public form of one register; the same for the JSON API and the HTML form. */
export const intakeBodySchema = z
  .object({
    types: z
      .array(z.enum(REQUEST_TYPES, { error: `is not a type of request (${REQUEST_TYPES.join(', ')})` }), {
        error: 'must be a list of request types',
      })
      .min(1, { error: 'choose at least one type of request' })
      .max(REQUEST_TYPES.length, { error: `lists more than ${REQUEST_TYPES.length} types` }),
    email: z.email({ error: 'is not a valid email address' }).max(254, { error: 'is longer than 254 characters' }),
    name: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, { error: 'is empty' })
      .max(NAME_MAX, { error: `is longer than ${NAME_MAX} characters` })
      .refine(noNul, { error: 'contains a NUL character' }),
    message: z
      .string({ error: 'must be text' })
      .max(MESSAGE_MAX, { error: `is longer than ${MESSAGE_MAX} characters` })
      .refine(noNul, { error: 'contains a NUL character' })
      .optional(),
    lang: z.enum(['fi', 'sv', 'en'], { error: 'must be fi, sv or en' }).optional(),
  })
  .strict();

export type IntakeBody = z.infer<typeof intakeBodySchema>;

export interface IntakeInput {
  types: RequestType[];
  email: string;
  name: string;
  message?: string | undefined;
  lang: Language;
}

export interface IntakeReceipt {
  requestId: string;
  receivedAt: Date;
  dueDate: string;
}

/** What the confirmation pages show: nothing about the person, only whom the request is to. */
export interface ConfirmView {
  merchant: string;
  registerName: string;
  types: RequestType[];
  dueDate: string;
}

function rateLimited(seconds: number): DomainError {
  return new DomainError(
    'rate_limited',
    `Too many requests from this address: try again in ${Math.ceil(seconds / 60)} minutes`,
    [],
    { retryAfterSeconds: seconds },
  );
}

/**
 * The public intake of a register: anyone may send a request; it is stored unverified, and the
 * sender proves the email address by a one-time link. The answer is the same whether or not the
 * address belongs to a customer.
 */
export function requestIntake(db: Kysely<DB>, mailer: Mailer, site: { publicUrl: string }) {
  const letters = requestLetters({ mailer });
  const throttle = throttleService(db);

  /** The request a token is for, if it can still be spent. */
  async function pending(token: string) {
    if (token.length === 0 || token.length > 200) return null;
    const row = await db
      .selectFrom('requests')
      .select(['id', 'controller_id', 'register_id'])
      .where('confirm_token_hash', '=', sha256(token))
      .where('confirm_expires_at', '>', new Date())
      .executeTakeFirst();
    return row ?? null;
  }

  async function viewOf(registerId: string, requestId: string, controllerId: string, lang: Language) {
    const register = await registerService(db).loadAny(registerId);
    return inTenant(db, controllerId, async (tx) => {
      const row = await tx
        .selectFrom('requests')
        .innerJoin('controllers', 'controllers.id', 'requests.controller_id')
        .select(['controllers.name as merchant', 'requests.types', 'requests.due_date', 'requests.extended_due_date'])
        .where('requests.id', '=', requestId)
        .executeTakeFirstOrThrow();
      return {
        merchant: row.merchant,
        registerName: pick(register.description.name, lang),
        types: row.types,
        dueDate: row.extended_due_date ?? row.due_date,
      } satisfies ConfirmView;
    });
  }

  return {
    /** The controller's and the register's names for the form; throws not_found for an unknown register. */
    async formFor(registerId: string, lang: Language): Promise<{ merchant: string; registerName: string }> {
      const register = await registerService(db).loadAny(registerId);
      const controller = await db
        .selectFrom('controllers')
        .select('name')
        .where('id', '=', register.controllerId)
        .executeTakeFirstOrThrow();
      return { merchant: controller.name, registerName: pick(register.description.name, lang) };
    },

    /**
     * Stores the request unverified with a one-time confirmation link and mails the link. Counted
     * per address (5 an hour) and per client IP (20 an hour) before anything is stored.
     */
    async submit(registerId: string, input: IntakeInput, ip: string): Promise<IntakeReceipt> {
      const register = await registerService(db).loadAny(registerId);
      const emailKey = input.email.trim().toLowerCase();
      const emailThrottle = `request-email:${sha256(emailKey)}`;
      const ipThrottle = `request-ip:${ip}`;
      const locked = Math.max(await throttle.lockedFor(emailThrottle), await throttle.lockedFor(ipThrottle));
      if (locked > 0) throw rateLimited(locked);
      await throttle.recordFailure(emailThrottle, 'request_email');
      await throttle.recordFailure(ipThrottle, 'request_ip');

      const token = randomToken();
      const receivedAt = new Date();
      const message = input.message?.trim() ? input.message.trim() : null;
      const stored = await inTenant(db, register.controllerId, async (tx) => {
        // Linked for the desk to find; the sender is not told, and nothing is disclosed before
        // the identity is verified.
        const subject = await tx
          .selectFrom('subjects')
          .select('id')
          .where('register_id', '=', register.id)
          .where('email_key', '=', emailKey)
          .where('erased_at', 'is', null)
          .executeTakeFirst();
        const created = await requestService(tx).create(
          {
            controllerId: register.controllerId,
            registerId: register.id,
            subjectId: subject?.id ?? null,
            types: [...new Set(input.types)],
            channel: 'form',
            receivedAt,
            identityMethod: null,
            language: input.lang,
            email: input.email.trim(),
            name: input.name.trim(),
            message,
            details: {},
          },
          // Whoever sent the form is not yet known to be the customer.
          { type: 'subject', id: null },
        );
        await tx
          .updateTable('requests')
          .set({
            confirm_token_hash: sha256(token),
            confirm_expires_at: new Date(receivedAt.getTime() + CONFIRM_LINK_DAYS * 24 * 3600_000),
          })
          .where('id', '=', created.id)
          .execute();
        const controller = await tx
          .selectFrom('controllers')
          .select('name')
          .where('id', '=', register.controllerId)
          .executeTakeFirstOrThrow();
        return { ...created, merchant: controller.name };
      });
      // After the commit: on PGlite the outbox shares the one connection the transaction held. A
      // failed delivery stays in the outbox and is tried again.
      const link = `${site.publicUrl}/requests/confirm?token=${encodeURIComponent(token)}&lang=${input.lang}`;
      await mailer.send({
        to: input.email.trim(),
        kind: 'request_confirm',
        controllerId: register.controllerId,
        ...confirmMail(input.lang, {
          merchant: stored.merchant,
          registerName: pick(register.description.name, input.lang),
          types: [...new Set(input.types)],
          dueDate: stored.dueDate,
          link,
        }),
      });
      return { requestId: stored.id, receivedAt: stored.receivedAt, dueDate: stored.dueDate };
    },

    /** Whom an unspent, unexpired token's request is to; spends nothing. */
    async peek(token: string, lang: Language): Promise<ConfirmView | null> {
      const row = await pending(token);
      if (!row) return null;
      return viewOf(row.register_id, row.id, row.controller_id, lang);
    },

    /**
     * Spends the token: the identity is verified by the email round-trip (the request's state
     * stays), with a request event and a processing event. Null if the token is unknown, spent or
     * expired; then nothing changes.
     */
    async confirm(token: string, lang: Language): Promise<ConfirmView | null> {
      const found = await pending(token);
      if (!found) return null;
      const hash = sha256(token);
      const confirmed = await inTenant(db, found.controller_id, async (tx) => {
        const row = await tx
          .selectFrom('requests')
          .select(['id', 'register_id', 'subject_id', 'status', 'identity_status'])
          .where('id', '=', found.id)
          .where('confirm_token_hash', '=', hash)
          .where('confirm_expires_at', '>', new Date())
          .forUpdate()
          .executeTakeFirst();
        if (!row) return null;
        const now = new Date();
        await tx
          .updateTable('requests')
          .set({
            // An identity the desk has verified already keeps its method.
            ...(row.identity_status === 'unverified'
              ? {
                  identity_status: 'verified' as const,
                  identity_method: 'email_round_trip' as const,
                  verified_at: now,
                  verified_by: 'email',
                }
              : {}),
            confirm_token_hash: null,
            confirm_expires_at: null,
            updated_at: now,
          })
          .where('id', '=', row.id)
          .execute();
        const actor = { type: 'subject' as const, id: row.subject_id };
        await tx
          .insertInto('request_events')
          .values({
            controller_id: found.controller_id,
            request_id: row.id,
            actor_type: actor.type,
            actor_id: actor.id,
            from_status: row.status,
            to_status: row.status,
            note: 'email confirmed',
          })
          .execute();
        await appendEvents(tx, found.controller_id, actor, [
          {
            registerId: row.register_id,
            subjectId: row.subject_id,
            action: 'request.identity_verified',
            purpose: 'data_subject_request',
            fields: [],
          },
        ]);
        // Confirmed, the request is acknowledged by letter with its due date.
        const ack = await letters.issue(tx, row.id, { kind: 'acknowledgement' }, actor);
        return ack.documentId;
      });
      if (!confirmed) return null;
      await letters.deliver(db, found.controller_id, confirmed);
      return viewOf(found.register_id, found.id, found.controller_id, lang);
    },
  };
}
