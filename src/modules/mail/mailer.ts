import { sql, type Kysely, type Selectable } from 'kysely';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { DB, OutboxAttachment, OutboxTable } from '../../db/schema.ts';

export const DEFAULT_FROM = 'Omadata <no-reply@localhost>';

/** A sender holds a message this long; a claim left behind by a crashed process then expires. */
const LEASE = '10 minutes';
/** Messages looked at by one deliverPending() call; the next call takes the rest. */
const BATCH = 100;
/** last_error keeps the start of the error message only. */
const ERROR_MAX = 1000;

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the message is for, e.g. 'staff_invite', 'login_link'. */
  kind: string;
  /** The merchant the message is sent for; none for platform mail. */
  controllerId?: string;
  /**
   * The outbox id, chosen by a caller that records it before sending: sending again with the same
   * id adds nothing and never delivers the message twice.
   */
  id?: string;
  /** Files sent with the message; kept in the outbox so that a retry sends them too. */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutboxMessage {
  id: string;
  controllerId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  kind: string;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
}

export interface MailerOptions {
  db: Kysely<DB>;
  /** smtp:// or smtps:// URL. Without it nothing is sent: the outbox is the development mailbox. */
  smtpUrl?: string | undefined;
  /** The From header, e.g. `Omadata <no-reply@omadata.fi>`. */
  from?: string | undefined;
  /** deliverPending() gives up on a message after this many failed attempts (default 10). */
  maxAttempts?: number;
}

export interface Mailer {
  /** SMTP is configured: send() delivers, and deliverPending() has something to do. */
  readonly delivers: boolean;
  /**
   * Records the message in the outbox, then (with SMTP configured) delivers it at once. A failed
   * delivery does not throw: the message stays in the outbox for deliverPending(). Throws on an
   * invalid recipient or a line break in the recipient or subject.
   */
  send(message: MailMessage): Promise<{ id: string }>;
  /**
   * Tries every unsent message again (with SMTP configured); resolves to how many were delivered.
   * The job queue calls it every minute (src/jobs/system-jobs.ts).
   */
  deliverPending(): Promise<number>;
  /** Outbox messages, newest first: the development mailbox. */
  list(limit?: number, offset?: number): Promise<OutboxMessage[]>;
}

const LINE_BREAK = /[\r\n\0]/;

const messageSchema = z.object({
  to: z.email({ error: 'is not a valid email address' }),
  subject: z.string().min(1, { error: 'is empty' }),
  text: z.string(),
  html: z.string().optional(),
  kind: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'must be a short snake_case name' }),
  controllerId: z.guid({ error: 'is not a UUID' }).optional(),
  id: z.guid({ error: 'is not a UUID' }).optional(),
  attachments: z
    .array(
      z.object({
        filename: z
          .string()
          .min(1, { error: 'is empty' })
          .max(255)
          .refine((f) => !LINE_BREAK.test(f) && !/[/\\]/.test(f), { error: 'must be a plain file name' }),
        contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, { error: 'is not a media type' }),
        content: z.instanceof(Buffer, { error: 'is not a Buffer' }),
      }),
    )
    .optional(),
});

export function createMailer(options: MailerOptions): Mailer {
  const { db, smtpUrl } = options;
  const from = options.from ?? DEFAULT_FROM;
  const maxAttempts = options.maxAttempts ?? 10;
  if (LINE_BREAK.test(from)) throw new Error('Mail sender address must not contain a line break');
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error('maxAttempts must be a positive integer');
  // Message-IDs are derived from the outbox id, so a message delivered twice (a lost reply
  // from the server) carries the same Message-ID and the receiving side can tell.
  const messageIdDomain = /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;

  /** Claims one message, speaks SMTP, records the outcome. False if not delivered (or not ours to try). */
  async function deliver(id: string): Promise<boolean> {
    if (!transport) return false;
    // The claim is its own short statement, never a transaction held open across the SMTP
    // conversation (on PGlite that would stop every other query meanwhile). Counting the attempt
    // here means a crash in the middle of a delivery still counts.
    const row = await db
      .updateTable('outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        locked_until: sql<Date>`clock_timestamp() + ${LEASE}::interval`,
      }))
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .where('attempts', '<', maxAttempts)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`clock_timestamp()`)]))
      .returningAll()
      .executeTakeFirst();
    if (!row) return false;
    try {
      await transport.sendMail({
        from,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        ...(row.html_body !== null ? { html: row.html_body } : {}),
        ...(row.attachments?.length
          ? {
              attachments: row.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: Buffer.from(a.content, 'base64'),
              })),
            }
          : {}),
        messageId: `<${row.id}@${messageIdDomain}>`,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    } catch (e) {
      // The error's message only: never the message body, which may hold a login link.
      await db
        .updateTable('outbox')
        .set({ last_error: errorMessage(e), locked_until: null })
        .where('id', '=', id)
        .execute();
      return false;
    }
    await db
      .updateTable('outbox')
      .set({ sent_at: sql<Date>`clock_timestamp()`, locked_until: null })
      .where('id', '=', id)
      .execute();
    return true;
  }

  return {
    delivers: transport !== undefined,

    async send(message) {
      const m = validate(message);
      const attachments: OutboxAttachment[] | undefined = m.attachments?.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content.toString('base64'),
      }));
      const inserted = await db
        .insertInto('outbox')
        .values({
          ...(m.id ? { id: m.id } : {}),
          controller_id: m.controllerId ?? null,
          to_address: m.to,
          subject: m.subject,
          text_body: m.text,
          html_body: m.html ?? null,
          kind: m.kind,
          attachments: attachments?.length ? JSON.stringify(attachments) : null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      // Nothing inserted: the caller's id is already in the outbox, sent or waiting for a retry.
      const id = inserted?.id ?? m.id!;
      await deliver(id);
      return { id };
    },

    async deliverPending() {
      if (!transport) return 0;
      const due = await db
        .selectFrom('outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('attempts', '<', maxAttempts)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`clock_timestamp()`)]))
        .orderBy('created_at')
        .limit(BATCH)
        .execute();
      let delivered = 0;
      for (const { id } of due) {
        if (await deliver(id)) delivered++;
      }
      return delivered;
    },

    async list(limit = 50, offset = 0) {
      const rows = await db
        .selectFrom('outbox')
        .select([
          'id',
          'controller_id',
          'to_address',
          'subject',
          'text_body',
          'html_body',
          'kind',
          'created_at',
          'sent_at',
          'attempts',
          'last_error',
        ])
        .orderBy('seq', 'desc')
        .limit(Math.min(Math.max(Math.trunc(limit), 1), 500))
        .offset(Math.max(Math.trunc(offset), 0))
        .execute();
      return rows.map(toOutboxMessage);
    },
  };
}

function validate(message: MailMessage): MailMessage {
  // Checked before anything else, and with its own message: a line break in a header is an
  // attempt to add headers or recipients, not a typo.
  if (typeof message.to === 'string' && LINE_BREAK.test(message.to)) {
    throw new Error('Mail refused: the recipient address contains a line break');
  }
  if (typeof message.subject === 'string' && LINE_BREAK.test(message.subject)) {
    throw new Error('Mail refused: the subject contains a line break');
  }
  const parsed = messageSchema.safeParse(message);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Mail refused: ${problems}`);
  }
  return parsed.data;
}

function errorMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.length > ERROR_MAX ? `${message.slice(0, ERROR_MAX)}…` : message;
}

function toOutboxMessage(row: Omit<Selectable<OutboxTable>, 'attachments' | 'locked_until' | 'seq'>): OutboxMessage {
  return {
    id: row.id,
    controllerId: row.controller_id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    kind: row.kind,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    attempts: row.attempts,
    lastError: row.last_error,
  };
}
