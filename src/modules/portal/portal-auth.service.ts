import type { Kysely } from 'kysely';
import type { DB, PortalLoginMethod } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import { DomainError } from '../../errors.ts';
import { appendEvents } from '../audit/audit.service.ts';
import type { Mailer } from '../mail/mailer.ts';
import { randomToken, sha256 } from '../staff/staff.service.ts';
import { throttleService } from '../staff/throttle.ts';
import { loginMail, type PortalLanguage } from './portal-mail.ts';
import { portalRepository, type PortalIdentity } from './portal.repository.ts';

export const LOGIN_LINK_MINUTES = 15;
export const PORTAL_SESSION_HOURS = 12;

export interface PortalSession {
  tokenHash: string;
  /** What the session has verified: the email of a login link, or what an identity provider vouched for. */
  identity: PortalIdentity;
  method: PortalLoginMethod;
  csrfToken: string;
  expiresAt: Date;
}

interface Log {
  warn: (o: object, m: string) => void;
  error: (o: object, m: string) => void;
}

export const emailKeyOf = (email: string) => email.trim().toLowerCase();

function rateLimited(seconds: number): DomainError {
  return new DomainError(
    'rate_limited',
    `Too many login attempts: try again in ${Math.ceil(seconds / 60)} minutes`,
    [],
    { retryAfterSeconds: seconds },
  );
}

/**
 * Passwordless login: a one-time link by mail, then a session cookie. Login requests are counted
 * per address (5 in 15 minutes) and per IP (30), with the staff login's throttle; a refused link
 * counts against the IP.
 */
/** `site` is read when a link is made, so that a server that learns its address late links right. */
export function portalAuth(db: Kysely<DB>, mailer: Mailer, site: { publicUrl: string }) {
  const throttle = throttleService(db);
  const repo = portalRepository(db);
  const pending = new Set<Promise<void>>();

  async function insertSession(identity: PortalIdentity, method: PortalLoginMethod) {
    const token = randomToken();
    const csrfToken = randomToken();
    await db
      .insertInto('portal_sessions')
      .values({
        token_hash: sha256(token),
        email_key: identity.emailKey,
        phone: identity.phone,
        hetu_lookup: identity.hetuLookup,
        method,
        csrf_token: csrfToken,
        expires_at: new Date(Date.now() + PORTAL_SESSION_HOURS * 3600_000),
      })
      .execute();
    return { token, csrfToken };
  }

  return {
    /** Sends a link if anyone holds the address; answers the same either way. */
    async requestLink(email: string, lang: PortalLanguage, ip: string, log: Log): Promise<void> {
      const emailKey = emailKeyOf(email);
      const addressKey = `portal-email:${sha256(emailKey)}`;
      const ipKey = `portal-ip:${ip}`;
      const locked = Math.max(await throttle.lockedFor(addressKey), await throttle.lockedFor(ipKey));
      if (locked > 0) throw rateLimited(locked);
      await throttle.recordFailure(addressKey, 'account');
      await throttle.recordFailure(ipKey, 'address');
      const controllers = await repo.controllersHolding({ emailKey, phone: null, hetuLookup: null });
      if (controllers.length === 0) return;
      const token = randomToken();
      await db
        .insertInto('portal_login_tokens')
        .values({
          token_hash: sha256(token),
          email_key: emailKey,
          expires_at: new Date(Date.now() + LOGIN_LINK_MINUTES * 60_000),
        })
        .execute();
      const link = `${site.publicUrl}/oma/login?token=${encodeURIComponent(token)}&lang=${lang}`;
      // Not awaited: with SMTP the delivery takes time that would tell a known address from an
      // unknown one. The outbox keeps the message if delivery fails.
      const sending = mailer
        .send({ to: email.trim(), kind: 'portal_login', ...loginMail(lang, link) })
        .then(
          () => undefined,
          (error: unknown) => log.error({ err: { name: (error as Error).name } }, 'portal login mail failed'),
        )
        .finally(() => pending.delete(sending));
      pending.add(sending);
    },

    /** Waits for login mails still being handed to the outbox (on close, and in tests). */
    async settled(): Promise<void> {
      await Promise.all([...pending]);
    },

    /** Whose a link is, if it can still be spent; spends nothing. */
    async peekLink(token: string): Promise<string | null> {
      const row = await db
        .selectFrom('portal_login_tokens')
        .select('email_key')
        .where('token_hash', '=', sha256(token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date())
        .executeTakeFirst();
      return row?.email_key ?? null;
    },

    /** Spends the link (once, unexpired, in one statement) and opens a session. */
    async openSession(token: string, ip: string, log: Log) {
      const ipKey = `portal-ip:${ip}`;
      const locked = await throttle.lockedFor(ipKey);
      if (locked > 0) throw rateLimited(locked);
      const hash = sha256(token);
      const used = await db
        .updateTable('portal_login_tokens')
        .set({ used_at: new Date() })
        .where('token_hash', '=', hash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date())
        .returning('email_key')
        .executeTakeFirst();
      if (!used) {
        await throttle.recordFailure(ipKey, 'address');
        const known = await db
          .selectFrom('portal_login_tokens')
          .select('email_key')
          .where('token_hash', '=', hash)
          .executeTakeFirst();
        const controllers = known
          ? await repo.controllersHolding({ emailKey: known.email_key, phone: null, hetuLookup: null })
          : [];
        // Each controller holding the address learns that a link to it was refused; nothing names the person.
        for (const controllerId of controllers) {
          await inTenant(db, controllerId, (tx) =>
            appendEvents(tx, controllerId, { type: 'subject', id: null }, [
              { action: 'portal.login_refused', purpose: 'security', fields: [] },
            ]),
          );
        }
        if (controllers.length === 0) log.warn({ reason: 'invalid_login_link' }, 'refused a portal login link');
        throw new DomainError('invalid_login_link', 'The login link is invalid, used or expired: ask for a new one');
      }
      const opened = await insertSession({ emailKey: used.email_key, phone: null, hetuLookup: null }, 'email_link');
      return { ...opened, email: used.email_key, method: 'email_link' as const };
    },

    /** A session for what a strong identification verified (at least one key: the caller checks). */
    openIdentifiedSession: (identity: PortalIdentity) => insertSession(identity, 'oidc'),

    async session(token: string): Promise<PortalSession | null> {
      const row = await db
        .updateTable('portal_sessions')
        .set({ last_seen_at: new Date() })
        .where('token_hash', '=', sha256(token))
        .where('expires_at', '>', new Date())
        .returning(['token_hash', 'email_key', 'phone', 'hetu_lookup', 'method', 'csrf_token', 'expires_at'])
        .executeTakeFirst();
      if (!row) return null;
      return {
        tokenHash: row.token_hash,
        identity: { emailKey: row.email_key, phone: row.phone, hetuLookup: row.hetu_lookup },
        method: row.method,
        csrfToken: row.csrf_token,
        expiresAt: new Date(row.expires_at),
      };
    },

    async logout(tokenHash: string) {
      await db.deleteFrom('portal_sessions').where('token_hash', '=', tokenHash).execute();
    },

    purgeExpired: () => purgeExpiredPortalLogins(db),
  };
}

/** Housekeeping for a scheduled job: links used or expired, and sessions that have ended. */
export async function purgeExpiredPortalLogins(db: Kysely<DB>): Promise<{ sessions: number; loginTokens: number }> {
  const now = new Date();
  const sessions = await db.deleteFrom('portal_sessions').where('expires_at', '<=', now).executeTakeFirst();
  const tokens = await db
    .deleteFrom('portal_login_tokens')
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now)]))
    .executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), loginTokens: Number(tokens.numDeletedRows) };
}
