import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { DomainError } from '../../errors.ts';
import { pathId } from '../../http/ids.ts';
import { hasGpc } from '../consents/unsubscribe.routes.ts';
import { languageOf } from '../consents/unsubscribe-page.ts';
import { erasureReportSchema } from '../retention/retention.routes.ts';
import { portalAuth, PORTAL_SESSION_HOURS, type PortalSession } from './portal-auth.service.ts';
import {
  loginBodySchema,
  meSchema,
  overviewSchema,
  permissionBodySchema,
  permissionsSchema,
  restrictionBodySchema,
  sessionBodySchema,
  correctionBodySchema,
  correctionSchema,
  requestBodySchema,
  requestSchema,
  sessionSchema,
  subjectParams,
} from './portal.schemas.ts';
import { portalService, type RequestContext } from './portal.service.ts';

export const PORTAL_COOKIE = 'omadata_portal';

declare module 'fastify' {
  interface FastifyRequest {
    portalSession?: PortalSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const tags = ['portal'];

export function portalRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database, mailer, config, secretBox } = deps;
  const db = database.db;
  const secure = config.publicUrl.startsWith('https:');
  const auth = portalAuth(db, mailer, config);
  const service = portalService(db, secretBox);

  /**
   * The session from the cookie; a state-changing request must repeat the session's CSRF token in
   * X-CSRF-Token, as the console's do (a cross-site form cannot read it).
   */
  async function requirePortalSession(request: FastifyRequest): Promise<PortalSession> {
    const token = request.cookies?.[PORTAL_COOKIE];
    const session = token ? await auth.session(token) : null;
    if (!session) throw new DomainError('unauthorized', 'Log in first');
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      request.log.warn({ reason: 'csrf' }, 'refused a portal request without the CSRF token');
      await service.recordAttempt(session.identity, 'portal.request_refused');
      throw new DomainError('forbidden', 'Missing or wrong X-CSRF-Token');
    }
    return session;
  }

  async function contextOf(request: FastifyRequest): Promise<RequestContext> {
    const session = await requirePortalSession(request);
    return {
      identity: session.identity,
      ip: request.ip,
      gpc: hasGpc(request),
      lang: languageOf(undefined, request.headers['accept-language']),
    };
  }

  const ids = (params: { registerId: string; subjectId: string }) => ({
    registerId: pathId(params.registerId, 'Customer'),
    subjectId: pathId(params.subjectId, 'Customer'),
  });

  const noStore = (reply: FastifyReply) => void reply.header('cache-control', 'no-store');

  return async (app) => {
    // Login mails handed over after the answer are written before the database closes.
    app.addHook('onClose', () => auth.settled());

    app.post(
      '/api/v1/portal/login',
      {
        schema: {
          tags,
          summary: 'Ask for a one-time login link by mail; answers the same whether or not the address is known',
          body: loginBodySchema,
          response: { 202: z.object({ sent: z.literal(true) }) },
        },
      },
      async (request, reply) => {
        await auth.requestLink(request.body.email, request.body.lang, request.ip, request.log);
        return reply.code(202).send({ sent: true });
      },
    );

    app.post(
      '/api/v1/portal/session',
      {
        schema: {
          tags,
          summary: 'Spend a login link (once, within 15 minutes) and open a portal session (cookie omadata_portal)',
          body: sessionBodySchema,
          response: { 200: sessionSchema },
        },
      },
      async (request, reply) => {
        // Signed in as one person, a link for another is refused unspent: the person at this
        // browser signs out first (a forwarded link must not quietly replace their session).
        const current = request.cookies?.[PORTAL_COOKIE];
        const signedIn = current ? await auth.session(current) : null;
        if (signedIn) {
          const linkFor = await auth.peekLink(request.body.token);
          if (linkFor && linkFor !== signedIn.identity.emailKey) {
            await service.recordAttempt({ emailKey: linkFor, phone: null, hetuLookup: null }, 'portal.login_refused');
            throw new DomainError(
              'signed_in_as_other',
              'Signed in as another person: sign out first, then open the link',
            );
          }
        }
        const opened = await auth.openSession(request.body.token, request.ip, request.log);
        noStore(reply);
        void reply.setCookie(PORTAL_COOKIE, opened.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure,
          path: '/',
          maxAge: PORTAL_SESSION_HOURS * 3600,
        });
        return { csrfToken: opened.csrfToken, email: opened.email, method: opened.method };
      },
    );

    app.get(
      '/api/v1/portal/me',
      {
        schema: {
          tags,
          summary:
            'The portal session: the verified email (null after an e-ID without one), how it was opened, the CSRF token',
          response: { 200: meSchema },
        },
      },
      async (request, reply) => {
        const session = await requirePortalSession(request);
        noStore(reply);
        return {
          email: session.identity.emailKey,
          method: session.method,
          csrfToken: session.csrfToken,
          expiresAt: session.expiresAt.toISOString(),
        };
      },
    );

    app.delete(
      '/api/v1/portal/session',
      { schema: { tags, summary: 'Log out of the portal' } },
      async (request, reply) => {
        const session = await requirePortalSession(request);
        await auth.logout(session.tokenHash);
        void reply.clearCookie(PORTAL_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/v1/portal/overview',
      {
        schema: {
          tags,
          summary: 'Everything every merchant holds about the logged-in person; the look is recorded per customer',
          description: 'With Sec-GPC: 1 an objection to sale and sharing is recorded once per customer.',
          response: { 200: overviewSchema },
        },
      },
      async (request, reply) => {
        const ctx = await contextOf(request);
        noStore(reply);
        return service.overview(ctx);
      },
    );

    const base = '/api/v1/portal/registers/:registerId/subjects/:subjectId';

    app.put(
      `${base}/permissions`,
      {
        schema: {
          tags,
          summary: 'Give or withdraw a marketing permission for one channel and purpose',
          params: subjectParams,
          body: permissionBodySchema,
          response: { 200: permissionsSchema },
        },
      },
      async (request) => {
        const ctx = await contextOf(request);
        const { registerId, subjectId } = ids(request.params);
        return service.setPermission(ctx, registerId, subjectId, request.body);
      },
    );

    app.patch(
      base,
      {
        schema: {
          tags,
          summary:
            "Correct the customer's data: fields the person may change are written at once, the rest become a request",
          description:
            'Values are validated as in the shop API. Recipients given a corrected field are queued for notification (GDPR 19). ' +
            'The email address, identity code and business ID are changed by the merchant: they become a rectification request with a due date.',
          params: subjectParams,
          body: correctionBodySchema,
          response: { 200: correctionSchema },
        },
      },
      async (request) => {
        const ctx = await contextOf(request);
        const { registerId, subjectId } = ids(request.params);
        return service.correct(ctx, registerId, subjectId, request.body.fields);
      },
    );

    app.post(
      `${base}/requests`,
      {
        schema: {
          tags,
          summary: "Send a request to the merchant's requests desk; it is answered within a month (GDPR 12(3))",
          params: subjectParams,
          body: requestBodySchema,
          response: { 201: requestSchema },
        },
      },
      async (request, reply) => {
        const ctx = await contextOf(request);
        const { registerId, subjectId } = ids(request.params);
        return reply.code(201).send(await service.request(ctx, registerId, subjectId, request.body));
      },
    );

    app.post(
      `${base}/objection`,
      {
        schema: {
          tags,
          summary: 'Object to direct marketing on every channel (GDPR 21(3)): absolute, at once',
          params: subjectParams,
          response: { 200: permissionsSchema },
        },
      },
      async (request) => {
        const ctx = await contextOf(request);
        const { registerId, subjectId } = ids(request.params);
        return service.object(ctx, registerId, subjectId);
      },
    );

    app.put(
      `${base}/restriction`,
      {
        schema: {
          tags,
          summary: 'Restrict processing (GDPR 18) or lift the restriction',
          params: subjectParams,
          body: restrictionBodySchema,
          response: { 200: z.object({ restricted: z.boolean(), changed: z.boolean() }) },
        },
      },
      async (request) => {
        const ctx = await contextOf(request);
        const { registerId, subjectId } = ids(request.params);
        return service.setRestriction(ctx, registerId, subjectId, request.body);
      },
    );

    app.post(
      `${base}/erasure`,
      {
        schema: {
          tags,
          summary: 'Erase the customer at this merchant: everything goes but what a law or a hold requires',
          params: subjectParams,
          response: { 200: erasureReportSchema },
        },
      },
      async (request) => {
        const ctx = await contextOf(request);
        const { registerId, subjectId } = ids(request.params);
        return service.erase(ctx, registerId, subjectId);
      },
    );

    app.post(
      '/api/v1/portal/erasure',
      {
        schema: {
          tags,
          summary: 'Erase the person at every merchant; answers the report of each register',
          response: {
            200: z.object({
              reports: z.array(
                z.object({ controllerId: z.string(), registerId: z.string(), report: erasureReportSchema }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const ctx = await contextOf(request);
        return service.eraseEverywhere(ctx);
      },
    );
  };
}
