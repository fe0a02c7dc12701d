import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { DB, Role } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { may, type Action } from '../modules/staff/permissions.ts';
import { SESSION_HOURS, staffService, type SessionInfo } from '../modules/staff/staff.service.ts';

export const SESSION_COOKIE = 'omadata_session';

declare module 'fastify' {
  interface FastifyRequest {
    staffSession?: SessionInfo | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Reads the session cookie on every request; a state-changing request that relies on the cookie
 * must repeat the session's CSRF token in X-CSRF-Token (a cross-site form cannot read it).
 */
export function registerStaffSessions(app: FastifyInstance, db: Kysely<DB>, secretBox: SecretBox) {
  app.addHook('preHandler', async (request) => {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) return;
    const session = await staffService(db, secretBox).session(token);
    request.staffSession = session;
    if (session && !SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      request.log.warn({ staffId: session.staffId, reason: 'csrf' }, 'refused a request without the CSRF token');
      throw new DomainError('forbidden', 'Missing or wrong X-CSRF-Token');
    }
  });
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

export function requireSession(request: FastifyRequest): SessionInfo {
  if (!request.staffSession) throw new DomainError('unauthorized', 'Log in first');
  return request.staffSession;
}

/**
 * The person's role in the controller, if it allows the action. Someone with no role there gets
 * 404, as if the controller did not exist; a role that may not act gets 403. A controller that
 * requires TOTP admits only sessions that passed it.
 */
export async function requirePermission(
  db: Kysely<DB>,
  request: FastifyRequest,
  controllerId: string,
  action: Action,
): Promise<{ staffId: string; role: Role }> {
  const session = requireSession(request);
  const row = await db
    .selectFrom('memberships as m')
    .innerJoin('controllers as c', 'c.id', 'm.controller_id')
    .select(['m.role', 'c.require_totp'])
    .where('m.staff_id', '=', session.staffId)
    .where('m.controller_id', '=', controllerId)
    .executeTakeFirst();
  if (!row) {
    request.log.warn({ staffId: session.staffId, reason: 'no_membership' }, 'refused access to a controller');
    throw new DomainError('not_found', 'Controller not found');
  }
  if (row.require_totp && !session.secondFactor) {
    throw new DomainError('forbidden', 'This controller requires a second factor: enrol TOTP and log in with it');
  }
  if (!may(row.role, action)) {
    request.log.warn({ staffId: session.staffId, reason: 'role', action }, 'refused an action the role does not allow');
    throw new DomainError('forbidden', `The role ${row.role} may not do ${action}`);
  }
  return { staffId: session.staffId, role: row.role };
}
