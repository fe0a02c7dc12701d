import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import type { SecretBox } from '../../crypto/secret-box.ts';
import { DomainError, invalid, notFound } from '../../errors.ts';
import { dummyHash, hashPassword, passwordProblems, verifyPassword } from './password.ts';
import { throttleService } from './throttle.ts';

export const SESSION_HOURS = 12;
const INVITE_DAYS = 7;
const SETUP_HOURS = 24;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
export const randomToken = () => randomBytes(32).toString('base64url');
const emailSchema = z.email().max(254);

export function checkNewAccount(email: string, password: string) {
  const problems = [];
  if (!emailSchema.safeParse(email.trim()).success)
    problems.push({ field: 'email', code: 'invalid_email', message: 'is not a valid email address' });
  for (const p of passwordProblems(password)) problems.push({ field: 'password', code: 'weak_password', message: p });
  if (problems.length) throw invalid(problems);
}

export interface SessionInfo {
  tokenHash: string;
  staffId: string;
  csrfToken: string;
  secondFactor: boolean;
}

export function staffService(db: Tx, secretBox: SecretBox) {
  const throttle = throttleService(db);

  async function createSession(staffId: string, secondFactor: boolean) {
    const token = randomToken();
    const csrfToken = randomToken();
    await db
      .insertInto('staff_sessions')
      .values({
        token_hash: sha256(token),
        staff_id: staffId,
        csrf_token: csrfToken,
        second_factor_at: secondFactor ? new Date() : null,
        expires_at: new Date(Date.now() + SESSION_HOURS * 3600_000),
      })
      .execute();
    return { token, csrfToken };
  }

  return {
    async createAccount(input: { email: string; password: string; name?: string | null; isOperator?: boolean }) {
      checkNewAccount(input.email, input.password);
      const email = input.email.trim();
      const existing = await db
        .selectFrom('staff_accounts')
        .select('id')
        .where('email_key', '=', email.toLowerCase())
        .executeTakeFirst();
      if (existing) throw invalid([{ field: 'email', code: 'taken', message: 'already has an account' }]);
      return db
        .insertInto('staff_accounts')
        .values({
          email,
          email_key: email.toLowerCase(),
          name: input.name ?? null,
          password_hash: await hashPassword(input.password),
          is_operator: input.isOperator ?? false,
        })
        .returning(['id', 'email', 'is_operator'])
        .executeTakeFirstOrThrow();
    },

    async operatorExists(): Promise<boolean> {
      return !!(await db
        .selectFrom('staff_accounts')
        .select('id')
        .where('is_operator', '=', true)
        .limit(1)
        .executeTakeFirst());
    },

    /** A one-time link for creating the first operator in the browser; only while there is none. */
    async issueSetupToken(): Promise<string | null> {
      if (await this.operatorExists()) return null;
      const token = randomToken();
      await db
        .insertInto('setup_tokens')
        .values({ token_hash: sha256(token), expires_at: new Date(Date.now() + SETUP_HOURS * 3600_000) })
        .execute();
      return token;
    },

    /** Call inside a transaction: a refused account leaves the link unused. */
    async completeSetup(token: string, input: { email: string; password: string; name?: string | null }) {
      checkNewAccount(input.email, input.password);
      const hash = sha256(token);
      const used = await db
        .updateTable('setup_tokens')
        .set({ used_at: new Date() })
        .where('token_hash', '=', hash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date())
        .returning('token_hash')
        .executeTakeFirst();
      if (!used) throw new DomainError('forbidden', 'The setup link is invalid, used or expired');
      if (await this.operatorExists()) throw new DomainError('forbidden', 'An operator already exists');
      const account = await this.createAccount({ ...input, isOperator: true });
      return { account, session: await createSession(account.id, false) };
    },

    /**
     * Checks the password (and the TOTP code when the account has one), with failures counted
     * per account and per address. Unknown accounts cost the same time as known ones.
     */
    async login(input: { email: string; password: string; totpCode?: string | null; address: string }) {
      const emailKey = input.email.trim().toLowerCase();
      const accountKey = `account:${sha256(emailKey)}`;
      const addressKey = `address:${input.address}`;
      const locked = Math.max(await throttle.lockedFor(accountKey), await throttle.lockedFor(addressKey));
      if (locked > 0) {
        throw new DomainError(
          'rate_limited',
          `Too many failed attempts: try again in ${Math.ceil(locked / 60)} minutes`,
          [],
          { retryAfterSeconds: locked },
        );
      }
      const account = await db
        .selectFrom('staff_accounts')
        .selectAll()
        .where('email_key', '=', emailKey)
        .executeTakeFirst();
      const ok = await verifyPassword(account?.password_hash ?? (await dummyHash()), input.password);
      if (!account || !ok || account.disabled_at) {
        await throttle.recordFailure(accountKey, 'account');
        await throttle.recordFailure(addressKey, 'address');
        return { result: 'invalid' as const, staffId: account?.id ?? null };
      }
      let secondFactor = false;
      if (account.totp_enabled_at && account.totp_secret_encrypted) {
        if (!input.totpCode) return { result: 'totp_required' as const, staffId: account.id };
        const valid = await this.useTotp(account.id, account.totp_secret_encrypted, input.totpCode);
        if (!valid) {
          await throttle.recordFailure(accountKey, 'account');
          await throttle.recordFailure(addressKey, 'address');
          return { result: 'invalid' as const, staffId: account.id };
        }
        secondFactor = true;
      }
      await throttle.reset(accountKey);
      return { result: 'ok' as const, staffId: account.id, session: await createSession(account.id, secondFactor) };
    },

    /**
     * Checks a code against the secret and spends it: the same code (the same time step, or an
     * earlier one) is refused afterwards, so a code seen over a shoulder cannot be replayed.
     */
    async useTotp(staffId: string, sealedSecret: string, code: string): Promise<boolean> {
      if (!/^\d{6}$/.test(code.trim())) return false;
      const result = await verifyTotp({
        secret: secretBox.decrypt(sealedSecret),
        token: code.trim(),
        epochTolerance: 30,
      });
      if (!result.valid) return false;
      const step = Math.floor(Date.now() / 30_000) + result.delta;
      const spent = await db
        .updateTable('staff_accounts')
        .set({ totp_last_step: step })
        .where('id', '=', staffId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(spent.numUpdatedRows) === 1;
    },

    async session(token: string): Promise<SessionInfo | null> {
      const row = await db
        .selectFrom('staff_sessions as s')
        .innerJoin('staff_accounts as a', 'a.id', 's.staff_id')
        .select(['s.token_hash', 's.staff_id', 's.csrf_token', 's.second_factor_at', 's.expires_at', 'a.disabled_at'])
        .where('s.token_hash', '=', sha256(token))
        .executeTakeFirst();
      if (!row || row.disabled_at || new Date(row.expires_at) <= new Date()) return null;
      return {
        tokenHash: row.token_hash,
        staffId: row.staff_id,
        csrfToken: row.csrf_token,
        secondFactor: row.second_factor_at !== null,
      };
    },

    async logout(tokenHash: string) {
      await db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
    },

    async me(staffId: string) {
      const account = await db
        .selectFrom('staff_accounts')
        .select(['id', 'email', 'name', 'is_operator', 'totp_enabled_at', 'language'])
        .where('id', '=', staffId)
        .executeTakeFirstOrThrow();
      const memberships = await db
        .selectFrom('memberships as m')
        .innerJoin('controllers as c', 'c.id', 'm.controller_id')
        .select(['m.controller_id', 'c.name', 'm.role', 'c.require_totp'])
        .where('m.staff_id', '=', staffId)
        .orderBy('c.name')
        .execute();
      return { account, memberships };
    },

    async startTotp(staffId: string) {
      const account = await db
        .selectFrom('staff_accounts')
        .select(['email'])
        .where('id', '=', staffId)
        .executeTakeFirstOrThrow();
      const secret = generateSecret();
      // Until the new secret is confirmed, the one in use (if any) stays in force.
      await db
        .updateTable('staff_accounts')
        .set({ totp_pending_secret_encrypted: secretBox.encrypt(secret) })
        .where('id', '=', staffId)
        .execute();
      const otpauthUrl = generateURI({ issuer: 'Omadata', label: account.email, secret });
      const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1 });
      return { secret, otpauthUrl, qrSvg };
    },

    async confirmTotp(staffId: string, code: string, sessionHash: string) {
      const account = await db
        .selectFrom('staff_accounts')
        .select(['totp_pending_secret_encrypted'])
        .where('id', '=', staffId)
        .executeTakeFirstOrThrow();
      const pending = account.totp_pending_secret_encrypted;
      if (!pending || !(await this.useTotp(staffId, pending, code))) {
        throw invalid([{ field: 'code', code: 'invalid_code', message: 'is not the current code' }]);
      }
      await db
        .updateTable('staff_accounts')
        .set({ totp_secret_encrypted: pending, totp_pending_secret_encrypted: null, totp_enabled_at: new Date() })
        .where('id', '=', staffId)
        .execute();
      await db
        .updateTable('staff_sessions')
        .set({ second_factor_at: new Date() })
        .where('token_hash', '=', sessionHash)
        .execute();
    },

    async role(staffId: string, controllerId: string): Promise<Role | null> {
      const row = await db
        .selectFrom('memberships')
        .select('role')
        .where('staff_id', '=', staffId)
        .where('controller_id', '=', controllerId)
        .executeTakeFirst();
      return row?.role ?? null;
    },

    async addMember(controllerId: string, staffId: string, role: Role) {
      await db
        .insertInto('memberships')
        .values({ controller_id: controllerId, staff_id: staffId, role })
        .onConflict((oc) => oc.columns(['controller_id', 'staff_id']).doUpdateSet({ role }))
        .execute();
    },

    async invite(controllerId: string, email: string, role: Role, invitedBy: string | null) {
      if (!emailSchema.safeParse(email.trim()).success)
        throw invalid([{ field: 'email', code: 'invalid_email', message: 'is not a valid email address' }]);
      const token = randomToken();
      const row = await db
        .insertInto('staff_invites')
        .values({
          token_hash: sha256(token),
          controller_id: controllerId,
          email: email.trim(),
          role,
          invited_by: invitedBy,
          expires_at: new Date(Date.now() + INVITE_DAYS * 86_400_000),
        })
        .returning(['id', 'expires_at'])
        .executeTakeFirstOrThrow();
      return { ...row, token };
    },

    /** Uses an invitation once: creates the account (or finds it by email) and adds the membership. */
    async acceptInvite(token: string, input: { name?: string | null; password: string }) {
      const weak = passwordProblems(input.password);
      if (weak.length > 0)
        throw invalid(weak.map((message) => ({ field: 'password', code: 'weak_password', message })));
      const invite = await db
        .updateTable('staff_invites')
        .set({ used_at: new Date() })
        .where('token_hash', '=', sha256(token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date())
        .returningAll()
        .executeTakeFirst();
      if (!invite) throw new DomainError('forbidden', 'The invitation link is invalid, used or expired');
      let account = await db
        .selectFrom('staff_accounts')
        .select(['id'])
        .where('email_key', '=', invite.email.toLowerCase())
        .executeTakeFirst();
      if (account) {
        const existing = await db
          .selectFrom('staff_accounts')
          .select('password_hash')
          .where('id', '=', account.id)
          .executeTakeFirstOrThrow();
        if (!(await verifyPassword(existing.password_hash, input.password))) {
          throw invalid([
            { field: 'password', code: 'invalid_password', message: 'is not the password of the existing account' },
          ]);
        }
      } else {
        account = await this.createAccount({ email: invite.email, password: input.password, name: input.name ?? null });
      }
      await this.addMember(invite.controller_id, account.id, invite.role);
      return {
        staffId: account.id,
        controllerId: invite.controller_id,
        session: await createSession(account.id, false),
      };
    },

    listStaff(controllerId: string) {
      return db
        .selectFrom('memberships as m')
        .innerJoin('staff_accounts as a', 'a.id', 'm.staff_id')
        .select(['a.id', 'a.email', 'a.name', 'm.role', 'a.totp_enabled_at'])
        .where('m.controller_id', '=', controllerId)
        .orderBy('a.email')
        .execute();
    },

    listInvites(controllerId: string) {
      return db
        .selectFrom('staff_invites')
        .select(['id', 'email', 'role', 'expires_at'])
        .where('controller_id', '=', controllerId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date())
        .orderBy('created_at')
        .execute();
    },

    async changeRole(controllerId: string, staffId: string, role: Role) {
      const result = await db
        .updateTable('memberships')
        .set({ role })
        .where('controller_id', '=', controllerId)
        .where('staff_id', '=', staffId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw notFound('Member');
    },

    async purgeExpiredSessions() {
      await sql`DELETE FROM staff_sessions WHERE expires_at < now()`.execute(db);
    },

    /**
     * Housekeeping for a scheduled job: sessions that have ended, and invitations and setup links
     * that were used or have expired. None of them opens anything any more.
     */
    async purgeExpired(): Promise<{ sessions: number; invites: number; setupTokens: number }> {
      const now = new Date();
      const sessions = await db.deleteFrom('staff_sessions').where('expires_at', '<=', now).executeTakeFirst();
      const invites = await db
        .deleteFrom('staff_invites')
        .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now)]))
        .executeTakeFirst();
      const setupTokens = await db
        .deleteFrom('setup_tokens')
        .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now)]))
        .executeTakeFirst();
      return {
        sessions: Number(sessions.numDeletedRows),
        invites: Number(invites.numDeletedRows),
        setupTokens: Number(setupTokens.numDeletedRows),
      };
    },
  };
}
